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
  kind: 'string' | 'int' | 'enum' | 'bool';
  /** Default; `undefined` means "unset" (meaning explained in `help`). */
  default: string | number | boolean | undefined;
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
  maxClockSkewMs: number;
  maxChunkBytes: number;
  diskReserveBytes: number;
  allowedHosts: string;
  redactKeys: string | undefined;
  captureAssets: boolean;
  captureAssetsFromPrivateHosts: boolean;
  retentionEveryMs: number;
  ingestRatePerKey: number;
  ingestRatePerAddress: number;
  loginRatePerAddress: number;
  loginRatePerEmail: number;
  maxAssetBytes: number;
  maxSessionAssetBytes: number;
  maxAssetsPerSession: number;
  trustProxy: string | undefined;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number | undefined;
  maxConnectionsPerAddress: number | undefined;
  processorFlushIntervalMs: number;
  openChunkFlushMs: number;
  sessionIdleMs: number;
  queueSegmentBytes: number;
  queue: 'file' | 'kafka';
  kafkaBrokers: string | undefined;
  kafkaTopic: string;
  kafkaClientId: string;
  kafkaMaxRecordBytes: number;
  coldStore: 'fs' | 's3';
  coldStoreDir: string | undefined;
  s3Endpoint: string | undefined;
  s3Region: string;
  s3Bucket: string;
  s3AccessKeyId: string | undefined;
  s3SecretAccessKey: string | undefined;
  s3ForcePathStyle: boolean;
  archiveAfterDays: number;
  archiveEveryMs: number | undefined;
  logLevel: string;
}

const MiB = 1024 * 1024;
const HOUR_MS = 3_600_000;

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
  { key: 'maxClockSkewMs', flag: 'max-clock-skew-ms', env: 'GOSIGHT_MAX_CLOCK_SKEW_MS', kind: 'int', default: 24 * HOUR_MS,
    min: 0, help: 'Events timestamped further ahead of the server\'s clock than this are refused (400); so are events older than the 90-day retention.' },
  { key: 'maxChunkBytes', flag: 'max-chunk-bytes', env: 'GOSIGHT_MAX_CHUNK_BYTES', kind: 'int', default: 64 * MiB, min: 1024,
    help: 'Largest chunk (JSON bytes) a session may grow without a full snapshot; batches past it are set aside as dead letters.' },
  { key: 'diskReserveBytes', flag: 'disk-reserve-bytes', env: 'GOSIGHT_DISK_RESERVE_BYTES', kind: 'int', default: 256 * MiB, min: 0,
    help: 'Free space kept on the data directory\'s disk for the store: below it the embedded queue refuses batches (503, Retry-After) until space returns.' },
  { key: 'allowedHosts', flag: 'allowed-hosts', env: 'GOSIGHT_ALLOWED_HOSTS', kind: 'string', default: 'localhost,127.0.0.1,[::1]',
    help: 'Comma-separated Host names the server answers (any port); others get 403, which stops DNS rebinding. "*.example.com" allows subdomains, "*" any host. The --host address is added.' },
  { key: 'redactKeys', flag: 'redact-keys', env: 'GOSIGHT_REDACT_KEYS', kind: 'string', default: undefined,
    help: 'Comma-separated extra key names whose values the ingest scrubs from free text, URLs and payloads (like the SDK\'s redactKeys; token, password, … always are).' },
  { key: 'captureAssets', flag: 'capture-assets', env: 'GOSIGHT_CAPTURE_ASSETS', kind: 'bool', default: false,
    help: 'Capture the images, stylesheets and web fonts recorded pages use (fetched by the server, stored content-addressed with the archive) and replay from them: replays render with the site gone, and watching one asks no other host for anything. See docs/assets.md.' },
  { key: 'retentionEveryMs', flag: 'retention-every-ms', env: 'GOSIGHT_RETENTION_EVERY_MS', kind: 'int', default: 3_600_000, min: 0,
    help: 'How often the API process erases sessions past their project\'s retention (set per project in its settings), everywhere they live. 0: never.' },
  { key: 'ingestRatePerKey', flag: 'ingest-rate-per-key', env: 'GOSIGHT_INGEST_RATE_PER_KEY', kind: 'int', default: 60_000, min: 0,
    help: 'Ingest requests per minute one ingest key may send, from all its visitors together; more are answered 429 with Retry-After (the SDK waits and resends). 0: no limit.' },
  { key: 'ingestRatePerAddress', flag: 'ingest-rate-per-address', env: 'GOSIGHT_INGEST_RATE_PER_ADDRESS', kind: 'int', default: 3_000, min: 0,
    help: 'Ingest requests per minute from one client address (a visitor sends a few; an office behind one address, more). 0: no limit.' },
  { key: 'loginRatePerAddress', flag: 'login-rate-per-address', env: 'GOSIGHT_LOGIN_RATE_PER_ADDRESS', kind: 'int', default: 30, min: 0,
    help: 'Login attempts per 15 minutes from one client address; more are answered 429 with Retry-After. 0: no limit.' },
  { key: 'loginRatePerEmail', flag: 'login-rate-per-email', env: 'GOSIGHT_LOGIN_RATE_PER_EMAIL', kind: 'int', default: 10, min: 0,
    help: 'Login attempts per 15 minutes for one e-mail, from any address (password guessing). 0: no limit.' },
  { key: 'captureAssetsFromPrivateHosts', flag: 'capture-assets-from-private-hosts', env: 'GOSIGHT_CAPTURE_ASSETS_FROM_PRIVATE_HOSTS', kind: 'bool', default: false,
    help: 'Let asset capture fetch from private, loopback and link-local addresses (an intranet site). Off, such URLs are refused: a recorded page cannot make the server probe its network.' },
  { key: 'maxAssetBytes', flag: 'max-asset-bytes', env: 'GOSIGHT_MAX_ASSET_BYTES', kind: 'int', default: 10 * MiB, min: 1024,
    help: 'Largest single asset captured; larger ones replay from their origin.' },
  { key: 'maxSessionAssetBytes', flag: 'max-session-asset-bytes', env: 'GOSIGHT_MAX_SESSION_ASSET_BYTES', kind: 'int', default: 100 * MiB, min: 1024,
    help: 'Most asset bytes captured for one session.' },
  { key: 'maxAssetsPerSession', flag: 'max-assets-per-session', env: 'GOSIGHT_MAX_ASSETS_PER_SESSION', kind: 'int', default: 500, min: 1,
    help: 'Most distinct asset URLs captured for one session.' },
  { key: 'trustProxy', flag: 'trust-proxy', env: 'GOSIGHT_TRUST_PROXY', kind: 'string', default: undefined,
    help: 'Trust X-Forwarded-* headers from: "true" (any proxy), a hop count, or comma-separated proxy addresses/CIDRs. Unset: trust none.' },
  { key: 'headersTimeoutMs', flag: 'headers-timeout-ms', env: 'GOSIGHT_HEADERS_TIMEOUT_MS', kind: 'int', default: 10_000, min: 1_000,
    help: 'A connection that has not sent its request headers within this is closed.' },
  { key: 'requestTimeoutMs', flag: 'request-timeout-ms', env: 'GOSIGHT_REQUEST_TIMEOUT_MS', kind: 'int', default: 60_000, min: 1_000,
    help: 'A request (headers and body) not received in full within this is answered 408 and closed.' },
  { key: 'idleTimeoutMs', flag: 'idle-timeout-ms', env: 'GOSIGHT_IDLE_TIMEOUT_MS', kind: 'int', default: 30_000, min: 1_000,
    help: 'A connection with no bytes moving for this long is closed.' },
  { key: 'keepAliveTimeoutMs', flag: 'keep-alive-timeout-ms', env: 'GOSIGHT_KEEP_ALIVE_TIMEOUT_MS', kind: 'int', default: 5_000, min: 100,
    help: 'How long an idle keep-alive connection waits for its next request.' },
  { key: 'maxConnections', flag: 'max-connections', env: 'GOSIGHT_MAX_CONNECTIONS', kind: 'int', default: undefined, min: 16,
    help: 'Most open HTTP connections; more are closed at once. Unset: the open-files limit less 256 for the queue and store.' },
  { key: 'maxConnectionsPerAddress', flag: 'max-connections-per-address', env: 'GOSIGHT_MAX_CONNECTIONS_PER_ADDRESS', kind: 'int', default: undefined, min: 0,
    help: 'Most open HTTP connections from one client address (trusted proxies exempt), so one client cannot take every slot. Unset: an eighth of --max-connections. 0: no limit.' },
  { key: 'processorFlushIntervalMs', flag: 'processor-flush-interval-ms', env: 'GOSIGHT_PROCESSOR_FLUSH_INTERVAL_MS',
    kind: 'int', default: 250, min: 50, help: 'How often the processor writes due chunks and commits the queue (each write is one insert per table).' },
  { key: 'openChunkFlushMs', flag: 'open-chunk-flush-ms', env: 'GOSIGHT_OPEN_CHUNK_FLUSH_MS', kind: 'int',
    default: 500, min: 50, help: 'Longest time new events wait in a still-growing chunk before they are appended to it (bounds ack-to-playable).' },
  { key: 'sessionIdleMs', flag: 'session-idle-ms', env: 'GOSIGHT_SESSION_IDLE_MS', kind: 'int', default: 60000,
    min: 1000, help: 'A session with no batch for this long leaves the processor\'s memory (it reloads from the store).' },
  { key: 'queueSegmentBytes', flag: 'queue-segment-bytes', env: 'GOSIGHT_QUEUE_SEGMENT_BYTES', kind: 'int',
    default: 64 * MiB, min: 1024, help: 'Size at which the embedded queue starts a new log segment.' },
  { key: 'queue', flag: 'queue', env: 'GOSIGHT_QUEUE', kind: 'enum', default: 'file', values: ['file', 'kafka'],
    help: 'Replay topic: "file" (embedded log under <data-dir>/queue, one process) or "kafka" (needs --kafka-brokers).' },
  { key: 'kafkaBrokers', flag: 'kafka-brokers', env: 'GOSIGHT_KAFKA_BROKERS', kind: 'string', default: undefined,
    help: 'Comma-separated Kafka bootstrap brokers (host:port), for --queue kafka.' },
  { key: 'kafkaTopic', flag: 'kafka-topic', env: 'GOSIGHT_KAFKA_TOPIC', kind: 'string', default: 'replay',
    help: 'Kafka topic of replay batches (keyed by session id).' },
  { key: 'kafkaClientId', flag: 'kafka-client-id', env: 'GOSIGHT_KAFKA_CLIENT_ID', kind: 'string', default: 'gosight',
    help: 'Kafka client id, shown in broker logs.' },
  { key: 'kafkaMaxRecordBytes', flag: 'kafka-max-record-bytes', env: 'GOSIGHT_KAFKA_MAX_RECORD_BYTES', kind: 'int',
    default: 900_000, min: 1024, help: 'Largest Kafka record sent; bigger batches are split (keep under the broker\'s message.max.bytes).' },
  { key: 'coldStore', flag: 'cold-store', env: 'GOSIGHT_COLD_STORE', kind: 'enum', default: 'fs', values: ['fs', 's3'],
    help: 'Where archived replays go: "fs" (a directory) or "s3" (any S3-compatible service).' },
  { key: 'coldStoreDir', flag: 'cold-store-dir', env: 'GOSIGHT_COLD_STORE_DIR', kind: 'string', default: undefined,
    help: 'Directory for --cold-store fs. Unset: <data-dir>/archive.' },
  { key: 's3Endpoint', flag: 's3-endpoint', env: 'GOSIGHT_S3_ENDPOINT', kind: 'string', default: undefined,
    help: 'S3 endpoint URL (MinIO, Ceph: http://host:port). Unset: AWS S3.' },
  { key: 's3Region', flag: 's3-region', env: 'GOSIGHT_S3_REGION', kind: 'string', default: 'us-east-1', help: 'S3 region.' },
  { key: 's3Bucket', flag: 's3-bucket', env: 'GOSIGHT_S3_BUCKET', kind: 'string', default: 'gosight-replays',
    help: 'S3 bucket for archived replays (created if missing).' },
  { key: 's3AccessKeyId', flag: 's3-access-key-id', env: 'GOSIGHT_S3_ACCESS_KEY_ID', kind: 'string', default: undefined,
    help: 'S3 access key. Unset: the AWS SDK\'s default credential chain.' },
  { key: 's3SecretAccessKey', flag: 's3-secret-access-key', env: 'GOSIGHT_S3_SECRET_ACCESS_KEY', kind: 'string', default: undefined,
    help: 'S3 secret key.' },
  { key: 's3ForcePathStyle', flag: 's3-force-path-style', env: 'GOSIGHT_S3_FORCE_PATH_STYLE', kind: 'bool', default: true,
    help: 'Path-style S3 URLs (bucket in the path), as MinIO and Ceph expect. Set false for virtual-hosted AWS buckets.' },
  { key: 'archiveAfterDays', flag: 'archive-after-days', env: 'GOSIGHT_ARCHIVE_AFTER_DAYS', kind: 'int', default: 30, min: 0,
    help: 'gosight archive moves sessions whose newest chunk is older than this to cold storage.' },
  { key: 'archiveEveryMs', flag: 'archive-every-ms', env: 'GOSIGHT_ARCHIVE_EVERY_MS', kind: 'int', default: undefined, min: 1000,
    help: 'gosight archive: run again every this many ms (a schedule). Unset: run once and exit.' },
  { key: 'logLevel', flag: 'log-level', env: 'GOSIGHT_LOG_LEVEL', kind: 'enum', default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], help: 'Log level of the JSON logs (pino).' },
];
