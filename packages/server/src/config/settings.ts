/**
 * Every setting GoSight reads, with its default, environment variable and flag.
 * README.md's settings table mirrors this list; `config.test.ts` checks that they agree.
 */
export interface SettingSpec {
  /** Key in the config file and in `Config`. */
  key: keyof Config;
  /** Command-line flag, without the leading `--`. */
  flag: string;
  env: string;
  kind: 'string' | 'int' | 'enum';
  /** Default; `undefined` means "unset" (meaning explained in `help`). */
  default: string | number | undefined;
  min?: number;
  max?: number;
  values?: readonly string[];
  help: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  projectKey: string | undefined;
  projectId: string;
  clickhouseUrl: string | undefined;
  clickhouseDatabase: string;
  chunkGzipLevel: number;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxEventsPerBatch: number;
  processorFlushIntervalMs: number;
  openChunkFlushMs: number;
  sessionIdleMs: number;
  queueSegmentBytes: number;
  logLevel: string;
}

const MiB = 1024 * 1024;

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'port', flag: 'port', env: 'GOSIGHT_PORT', kind: 'int', default: 3000, min: 0, max: 65535,
    help: 'HTTP port for ingest, API, dashboard, SDK and demo (0 picks a free port).' },
  { key: 'host', flag: 'host', env: 'GOSIGHT_HOST', kind: 'string', default: '127.0.0.1',
    help: 'Address to listen on. Use 0.0.0.0 to accept connections from other machines.' },
  { key: 'dataDir', flag: 'data-dir', env: 'GOSIGHT_DATA_DIR', kind: 'string', default: './data',
    help: 'Directory for the embedded queue, the embedded ClickHouse (chDB) and the project file.' },
  { key: 'projectKey', flag: 'project-key', env: 'GOSIGHT_PROJECT_KEY', kind: 'string', default: undefined,
    help: 'Ingest key of the default project. Unset: generated once and kept in <data-dir>/project.json.' },
  { key: 'projectId', flag: 'project-id', env: 'GOSIGHT_PROJECT_ID', kind: 'string', default: 'default',
    help: 'Id of the default project that the key maps to.' },
  { key: 'clickhouseUrl', flag: 'clickhouse-url', env: 'GOSIGHT_CLICKHOUSE_URL', kind: 'string', default: undefined,
    help: 'ClickHouse server URL (http://user:pass@host:8123). Unset: embedded chDB under <data-dir>/clickhouse.' },
  { key: 'clickhouseDatabase', flag: 'clickhouse-database', env: 'GOSIGHT_CLICKHOUSE_DATABASE', kind: 'string',
    default: 'gosight', help: 'ClickHouse database holding the GoSight tables (created if missing).' },
  { key: 'chunkGzipLevel', flag: 'chunk-gzip-level', env: 'GOSIGHT_CHUNK_GZIP_LEVEL', kind: 'int', default: 6,
    min: 1, max: 9, help: 'gzip level for stored chunks (1 fastest, 9 smallest).' },
  { key: 'maxBodyBytes', flag: 'max-body-bytes', env: 'GOSIGHT_MAX_BODY_BYTES', kind: 'int', default: 2 * MiB,
    min: 1024, help: 'Largest ingest request body accepted, as sent (compressed).' },
  { key: 'maxDecompressedBytes', flag: 'max-decompressed-bytes', env: 'GOSIGHT_MAX_DECOMPRESSED_BYTES', kind: 'int',
    default: 16 * MiB, min: 1024, help: 'Largest ingest body after gzip decompression.' },
  { key: 'maxEventsPerBatch', flag: 'max-events-per-batch', env: 'GOSIGHT_MAX_EVENTS_PER_BATCH', kind: 'int',
    default: 2000, min: 1, help: 'Most rrweb events accepted in one batch.' },
  { key: 'processorFlushIntervalMs', flag: 'processor-flush-interval-ms', env: 'GOSIGHT_PROCESSOR_FLUSH_INTERVAL_MS',
    kind: 'int', default: 1000, min: 50, help: 'How often the processor writes finished chunks and commits the queue.' },
  { key: 'openChunkFlushMs', flag: 'open-chunk-flush-ms', env: 'GOSIGHT_OPEN_CHUNK_FLUSH_MS', kind: 'int',
    default: 3000, min: 50, help: 'Longest time new events wait in a still-growing chunk before it is written (bounds ack-to-playable).' },
  { key: 'sessionIdleMs', flag: 'session-idle-ms', env: 'GOSIGHT_SESSION_IDLE_MS', kind: 'int', default: 60000,
    min: 1000, help: 'A session with no batch for this long leaves the processor\'s memory (it reloads from the store).' },
  { key: 'queueSegmentBytes', flag: 'queue-segment-bytes', env: 'GOSIGHT_QUEUE_SEGMENT_BYTES', kind: 'int',
    default: 64 * MiB, min: 1024, help: 'Size at which the embedded queue starts a new log segment.' },
  { key: 'logLevel', flag: 'log-level', env: 'GOSIGHT_LOG_LEVEL', kind: 'enum', default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], help: 'Log level of the JSON logs (pino).' },
];
