import { resolve } from 'node:path';
import pino from 'pino';
import { SESSION_ID_PATTERN, type ErrorBody } from '@gosight/shared';
import { loadConfig, ConfigError } from '../config/index.js';
import { closeAll, openColdStore, openStore, usesEmbeddedStore } from '../app/adapters.js';
import { lockDataDir } from '../app/data-dir-lock.js';
import { Accounts } from '../accounts/index.js';
import { AssetLibrary } from '../assets/index.js';
import { SessionEraser, type ErasedReport } from '../erasure/index.js';

export const DELETE_USAGE = `Usage:
  gosight delete --session <id> [--project <id>]
  gosight delete --user <user id> [--project <id>]

Deletes one session, or every session recorded with a user id (as given to
GoSight.identify), from every store: hot chunks, derived events, summaries, cold
storage, dead letters and captured assets. The processor drops batches of an erased
session still in the queue. Written to the audit log (actor "cli", or the token's user).

Options:
  --project <id>  The session's project (default: the default project, --project-id).
  --url <url>     Delete through a running server's API instead of opening the stores;
                  needs an admin's API token in GOSIGHT_TOKEN (gosight tokens create).
  Settings (--data-dir, --clickhouse-url, --cold-store, ...) as for gosight start. Opening
  the embedded data directory needs the server stopped; with --clickhouse-url it does not.`;

interface Options { session?: string; user?: string; project?: string; url?: string; settings: string[] }

/** `gosight delete`: erasure on request, on the stores directly or through a server. */
export async function runDeleteCommand(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const config = loadConfig({ argv: opts.settings, env: process.env });
  const projectId = opts.project ?? config.projectId;
  const reports = opts.url ? await throughApi(opts.url, projectId, opts) : await onStores(config, projectId, opts);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${reports.length} session${reports.length === 1 ? '' : 's'} of project ${projectId} deleted${opts.user ? ` (user id "${opts.user}")` : ''}.`);
  for (const r of reports) {
    out(`  ${r.sessionId}${r.archive ? '  archive deleted' : ''}${r.deadLetters ? `  ${r.deadLetters} dead letters dropped` : ''}${r.assetIndex ? '  captured assets released' : ''}`);
  }
  return 0;
}

async function onStores(config: ReturnType<typeof loadConfig>, projectId: string, opts: Options): Promise<ErasedReport[]> {
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const opened: { close(): Promise<void> }[] = [];
  try {
    if (usesEmbeddedStore(config)) {
      const lock = await lockDataDir(resolve(config.dataDir), () => ({ pid: process.pid, command: 'delete', startedAt: new Date().toISOString() }))
        .catch((err: unknown) => {
          throw new ConfigError(`${(err as Error).message}\nA running server holds the embedded store: delete from its dashboard, or run gosight delete --url <server> with GOSIGHT_TOKEN.`);
        });
      opened.push({ close: () => lock.release() });
    }
    const store = await openStore(config);
    opened.push(store);
    const cold = await openColdStore(config);
    opened.push(cold);
    const accounts = new Accounts(store.value.accounts, 0);
    await accounts.projects.require(projectId);
    const eraser = new SessionEraser({
      store: store.value.chunks, deadLetters: store.value.deadLetters, cold: cold.value, assets: new AssetLibrary(cold.value), logger,
    });
    if (opts.session) {
      await accounts.audit({ actor: 'cli', action: 'session.delete', projectId, target: opts.session, detail: '' });
      return await eraser.eraseSessions(projectId, [opts.session]);
    }
    const reports = await eraser.eraseUser(projectId, opts.user!);
    await accounts.audit({ actor: 'cli', action: 'user.erase', projectId, target: opts.user!, detail: `${reports.length} sessions: ${reports.map((r) => r.sessionId).join(' ')}`.slice(0, 4000) });
    return reports;
  } finally {
    await closeAll(opened, logger);
  }
}

async function throughApi(url: string, projectId: string, opts: Options): Promise<ErasedReport[]> {
  const token = process.env.GOSIGHT_TOKEN;
  if (!token) throw new ConfigError('--url needs an API token in GOSIGHT_TOKEN (gosight tokens create --email <admin> --project <id>)');
  const base = `${url.replace(/\/$/, '')}/api/projects/${encodeURIComponent(projectId)}/sessions`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const res = opts.session
    ? await fetch(`${base}/${opts.session}`, { method: 'DELETE', headers: { authorization: headers.authorization } })
    : await fetch(`${base}/delete`, { method: 'POST', headers, body: JSON.stringify({ userId: opts.user }) });
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try { message = (JSON.parse(text) as ErrorBody).error.message; } catch { /* not our error body */ }
    throw new Error(`the server answered ${res.status}: ${message}`);
  }
  return (JSON.parse(text) as { sessions: ErasedReport[] }).sessions;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { settings: [] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') ? argv[i].slice(2).split(/=(.*)/s, 2) : ['', undefined];
    if (name === 'session' || name === 'user' || name === 'project' || name === 'url') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      opts[name] = value;
    } else {
      opts.settings.push(argv[i]);
      if (inline === undefined && argv[i].startsWith('--') && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) opts.settings.push(argv[++i]);
    }
  }
  if ((opts.session === undefined) === (opts.user === undefined)) throw new ConfigError(`give --session or --user\n\n${DELETE_USAGE}`);
  if (opts.session !== undefined && !SESSION_ID_PATTERN.test(opts.session)) throw new ConfigError(`"${opts.session}" is not a session id (a UUID)`);
  if (opts.session) opts.session = opts.session.toLowerCase();
  return opts;
}
