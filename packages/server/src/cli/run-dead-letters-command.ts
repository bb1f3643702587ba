import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import type { DeadLetterInfo } from '@gosight/shared';
import { loadConfig, ConfigError } from '../config/index.js';
import { HttpDeadLetterAdmin, LocalDeadLetterAdmin, type DeadLetterAdmin, type LetterSelection } from '../deadletters/index.js';
import { decodeEnvelope } from '../pipeline/envelope.js';
import { closeAll, openQueue, openStore, usesEmbeddedQueue, usesEmbeddedStore } from '../app/adapters.js';
import { lockDataDir } from '../app/data-dir-lock.js';

export const DEAD_LETTERS_USAGE = `Usage: gosight dead-letters <action> [options] [settings]

Batches the processor could not store are kept as dead letters, with their bytes, so they
block nothing else. Fix the cause, then retry them (they go back on the replay queue), or drop them.

Actions:
  list [--session <id>] [--limit N] [--offset N] [--json]   Oldest first: id, time, session, seq, stage, size, reason.
  show <id> [--out <file>]                                  One letter: its envelope and the start of its batch; --out saves the kept bytes.
  retry <id> [<id> ...] | --all [--session <id>]            Put letters back on the replay queue, each session's in order.
  drop <id> [<id> ...] | --all [--session <id>]             Delete letters for good.

Options:
  --url <url>   A running GoSight server (default http://127.0.0.1:<port>, from --port / GOSIGHT_PORT).
                When none answers there, the command opens the data directory (or --clickhouse-url,
                --queue kafka) itself; a server holding the data directory must be reached by --url.
                With accounts, set GOSIGHT_TOKEN to a server-wide admin token (gosight tokens create --server).
  Settings (--port, --data-dir, --clickhouse-url, --queue, ...) as for gosight start; see gosight start --help.`;

interface Options {
  action: string;
  ids: string[];
  all: boolean;
  json: boolean;
  session?: string;
  limit: number;
  offset: number;
  url?: string;
  out?: string;
  settings: string[];
}

const VALUE_FLAGS = new Set(['session', 'limit', 'offset', 'url', 'out']);
const BOOLEAN_FLAGS = new Set(['all', 'json']);

/** `gosight dead-letters <list|show|retry|drop>`, through a running server or on the stores directly. */
export async function runDeadLettersCommand(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const config = loadConfig({ argv: opts.settings, env: process.env });
  const url = opts.url ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${config.port}`;
  const remote = opts.url !== undefined || (await answers(url));
  if (remote) return act(new HttpDeadLetterAdmin(url.replace(/\/$/, ''), process.env.GOSIGHT_TOKEN), opts);
  process.stderr.write(`No GoSight server answers at ${url}: opening the stores directly.\n`);
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const opened: { close(): Promise<void> }[] = [];
  try {
    const needsQueue = opts.action === 'retry';
    if ((needsQueue && usesEmbeddedQueue(config)) || usesEmbeddedStore(config)) {
      const dataDir = resolve(config.dataDir);
      const lock = await lockDataDir(dataDir, () => ({ pid: process.pid, command: 'dead-letters', startedAt: new Date().toISOString() }));
      opened.push({ close: () => lock.release() });
    }
    const store = await openStore(config);
    opened.push(store);
    const queue = needsQueue ? await openQueue(config, logger) : undefined;
    if (queue) opened.push(queue);
    return await act(new LocalDeadLetterAdmin(store.value.deadLetters, queue?.value, logger), opts);
  } finally {
    await closeAll(opened, logger);
  }
}

async function act(admin: DeadLetterAdmin, opts: Options): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (opts.action) {
    case 'list': {
      const page = await admin.list({ limit: opts.limit, offset: opts.offset, sessionId: opts.session });
      if (opts.json) return out(JSON.stringify(page, null, 2)), 0;
      out(`${page.total} dead letter${page.total === 1 ? '' : 's'}${opts.session ? ` of session ${opts.session}` : ''}`);
      for (const l of page.deadLetters) out(formatRow(l));
      if (page.offset + page.deadLetters.length < page.total) out(`… ${page.total - page.offset - page.deadLetters.length} more: use --offset ${page.offset + page.deadLetters.length}`);
      return 0;
    }
    case 'show': {
      if (opts.ids.length !== 1) throw new ConfigError('show takes one dead letter id');
      const letter = await admin.get(opts.ids[0]);
      if (!letter) throw new ConfigError(`no dead letter ${opts.ids[0]}`);
      const { message, ...info } = letter;
      out(JSON.stringify({ ...info, bytes: message.length }, null, 2));
      out(describeMessage(message));
      if (opts.out) {
        writeFileSync(opts.out, message);
        out(`Kept bytes written to ${opts.out}`);
      }
      return 0;
    }
    case 'retry':
    case 'drop': {
      const selection: LetterSelection = opts.all ? { all: true, ...(opts.session ? { sessionId: opts.session } : {}) } : { ids: opts.ids };
      if (!opts.all && opts.ids.length === 0) throw new ConfigError(`${opts.action} needs dead letter ids, or --all`);
      const result = opts.action === 'retry' ? await admin.retry(selection) : await admin.drop(selection);
      out(`${result.count} dead letter${result.count === 1 ? '' : 's'} ${opts.action === 'retry' ? 'put back on the replay queue' : 'dropped'}`);
      return 0;
    }
    default:
      throw new ConfigError(`unknown action "${opts.action}"\n\n${DEAD_LETTERS_USAGE}`);
  }
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { action: '', ids: [], all: false, json: false, limit: 50, offset: 0, settings: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (opts.action) opts.ids.push(arg);
      else opts.action = arg;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) {
      opts[name as 'all' | 'json'] = true;
    } else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      if (name === 'limit' || name === 'offset') opts[name] = wholeNumber(value, name);
      else opts[name as 'session' | 'url' | 'out'] = value;
    } else {
      opts.settings.push(arg);
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) opts.settings.push(argv[++i]);
    }
  }
  if (!opts.action) throw new ConfigError(DEAD_LETTERS_USAGE);
  return opts;
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`--${name} must be a whole number (got "${value}")`);
  return Number(value);
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function formatRow(l: DeadLetterInfo): string {
  return [l.id, new Date(l.failedAt).toISOString(), l.sessionId, `seq ${l.seq}`, l.stage, `${l.bytes} B`, l.reason.slice(0, 160)].join('  ');
}

/** The envelope and the start of the batch, decompressed, for a reader. */
function describeMessage(message: Buffer): string {
  try {
    const { header, body } = decodeEnvelope(message);
    const json = header.encoding === 'gzip' ? gunzipSync(body, { maxOutputLength: 64 * 1024 * 1024 }) : body;
    const text = json.toString('utf8');
    return `Envelope: ${JSON.stringify(header)}\nBatch (${json.length} bytes): ${text.slice(0, 2_000)}${text.length > 2_000 ? ' …' : ''}`;
  } catch (err) {
    return `The kept message cannot be decoded (${(err as Error).message}); --out saves it as it is.`;
  }
}

