import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { ingestPrivacyPolicy } from '../ingest/index.js';
import { ReplayProcessor } from '../processor/index.js';
import { ArchiveAwareReader } from '../archive/index.js';
import { LocalDeadLetterAdmin } from '../deadletters/index.js';
import { capConnections } from '../http/index.js';
import { DiskSpace } from '../pipeline/disk-space.js';
import { GoSightMetrics } from '../ops/metrics.js';
import type { HealthSources } from '../ops/health.js';
import { resolveProjectKey, type ProjectIdentity } from '../accounts/project-file.js';
import { buildApp, trustedProxyMatcher } from './build-app.js';
import type { StaticPaths } from '../api/static-routes.js';
import type { ReplayQueue } from '../queue/index.js';
import type { ColdStore } from '../coldstore/index.js';
import { AssetCapture, AssetLibrary } from '../assets/index.js';
import { Accounts } from '../accounts/index.js';
import { RetentionSweeper, SessionEraser } from '../erasure/index.js';
import { ConfigError } from '../config/index.js';

/** Asset capture: a fetch that takes longer is given up (the asset replays from its origin). */
const ASSET_FETCH_TIMEOUT_MS = 10_000;
/** Asset fetches at once, across sessions: capture must not crowd out the processor. */
const ASSET_FETCH_CONCURRENCY = 4;
import type { ApiDeps } from '../api/api-routes.js';
import {
  closeAll, openColdStore, openQueue, openStore, usesEmbeddedQueue, usesEmbeddedStore, type Opened, type Stores,
} from './adapters.js';
import { lockDataDir, type LockHolder } from './data-dir-lock.js';

/** The parts of GoSight one process can run; `start` runs them all. */
export type Role = 'ingest' | 'process' | 'api';

export interface RunningServer {
  /** Base URL of the HTTP server (every role serves /api/health and /metrics). */
  url: string | undefined;
  project: ProjectIdentity;
  dataDir: string;
  /** Who can read replays, for the start-up banner. */
  access: string;
  /** What each adapter works against, for start-up output. */
  describe: { queue?: string; store?: string; cold?: string; connections?: { total: number; perAddress: number }; allowedHosts?: string };
  processor: ReplayProcessor | undefined;
  /** Stops taking requests, writes what the processor holds, commits, and closes everything. */
  close(): Promise<void>;
}

/**
 * Starts the given roles in this process; the API serves the dashboard, SDK bundle and demo
 * from `assetPaths` (none without them). Only here are concrete adapters built (via
 * adapters.ts); every stage receives them. The data directory is locked first when this
 * process uses the embedded queue or chDB, before anything in it is opened.
 */
export async function startServer(config: Readonly<Config>, roles: readonly Role[], assetPaths: StaticPaths | undefined,
  logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const has = (role: Role) => roles.includes(role);
  const needsQueue = has('ingest') || has('process') || (has('api') && config.queue === 'kafka');
  // Every role reads the accounts: ingest its keys, the API its users.
  const needsStore = true;
  const opened: { close(): Promise<void> }[] = [];
  const holder: LockHolder = { pid: process.pid, command: roles.join('+'), startedAt: new Date().toISOString() };
  // The embedded queue and chDB live on the data directory's disk; Kafka and a ClickHouse server do not.
  const usesDataDisk = (needsQueue && usesEmbeddedQueue(config)) || (needsStore && usesEmbeddedStore(config));
  if (usesDataDisk) {
    const lock = await lockDataDir(dataDir, () => holder);
    opened.push({ close: () => lock.release() });
  }
  const describe: RunningServer['describe'] = {};
  try {
    const configured = resolveProjectKey(dataDir, config.projectId, config.projectKey);
    const disk = new DiskSpace(dataDir, config.diskReserveBytes, {
      onChange: (r) => (r.full
        ? logger.error({ disk: r }, 'disk space under the reserve: ingest answers 503 until space returns')
        : logger.info({ disk: r }, 'disk space back above the reserve: ingest accepts batches again')),
    });
    await disk.refresh();
    const health: HealthSources = usesDataDisk ? { disk: () => disk.snapshot() } : {};
    const metrics = new GoSightMetrics(health);

    const queue = needsQueue ? await openQueue(config, logger, disk) : undefined;
    if (queue) { opened.push(queue); describe.queue = queue.description; }
    const store = needsStore ? await openStore(config) : undefined;
    if (store) { opened.push(store); describe.store = store.description; }
    const accounts = new Accounts(store!.value.accounts);
    const defaultProject = await accounts.ensureProject(config.projectId, configured.projectKey, configured.source === 'setting');
    const project: ProjectIdentity = { ...configured, projectKey: defaultProject.key.key };
    const access = await accessPolicy(config, accounts);
    // Captured assets live in the cold store too: the processor writes them, the API serves them.
    const cold = has('api') || (has('process') && config.captureAssets) ? await openColdStore(config) : undefined;
    const assetLibrary = cold && config.captureAssets ? new AssetLibrary(cold.value) : undefined;
    if (cold) { opened.push(cold); describe.cold = cold.description; }

    const eraser = has('api') ? new SessionEraser({
      store: store!.value.chunks, deadLetters: store!.value.deadLetters, cold: cold!.value, assets: new AssetLibrary(cold!.value), logger,
    }) : undefined;
    if (eraser && config.retentionEveryMs > 0) {
      const sweeper = new RetentionSweeper({ accounts, store: store!.value.chunks, eraser, logger: logger.child({ stage: 'retention' }) });
      sweeper.start(config.retentionEveryMs);
      opened.push({ close: () => sweeper.stop() });
    }

    let processor: ReplayProcessor | undefined;
    if (has('process')) {
      const p = new ReplayProcessor({
        queue: queue!.value, store: store!.value.chunks, deadLetters: store!.value.deadLetters, logger, config,
        observer: metrics.processorObserver(),
        assets: assetLibrary ? new AssetCapture(assetLibrary, {
          allowPrivateHosts: config.captureAssetsFromPrivateHosts,
          maxAssetBytes: config.maxAssetBytes,
          maxSessionAssetBytes: config.maxSessionAssetBytes,
          maxAssetsPerSession: config.maxAssetsPerSession,
          fetchTimeoutMs: ASSET_FETCH_TIMEOUT_MS,
          concurrency: ASSET_FETCH_CONCURRENCY,
        }, logger.child({ stage: 'assets' })) : undefined,
      });
      processor = p;
      health.processor = () => p.status();
      health.queue = () => p.backlog();
      await p.start();
      opened.push({ close: () => p.stop() });
    }

    const app = await buildApp({
      logger,
      http: { allowedHosts: config.allowedHosts, listenHost: config.host, trustProxy: config.trustProxy, limits: config },
      health,
      metrics,
      ingest: has('ingest')
        ? {
          queue: queue!.value, projects: accounts, limits: config,
          rateLimits: { perKey: perMinute(config.ingestRatePerKey), perAddress: perMinute(config.ingestRatePerAddress) },
          privacy: ingestPrivacyPolicy((config.redactKeys ?? '').split(',').map((key) => key.trim()).filter(Boolean)),
          onAnswer: (status, code) => metrics.ingestRequests.inc({ status: String(status), code }),
        }
        : undefined,
      api: has('api') ? {
        ...apiDeps(store!, cold!, queue, project, logger), assets: assetLibrary, accounts, openWithoutAccounts: access.open,
        eraser: eraser!,
        loginLimits: { perAddress: perQuarterHour(config.loginRatePerAddress), perEmail: perQuarterHour(config.loginRatePerEmail) },
      } : undefined,
      assets: has('api') && assetPaths ? { paths: assetPaths, demoConfig: { projectKey: project.projectKey } } : undefined,
    });
    describe.connections = capConnections(app.server, config, trustedProxyMatcher(config.trustProxy));
    describe.allowedHosts = config.allowedHosts;
    const address = await app.listen({ port: config.port, host: config.host }).catch(async (err: unknown) => {
      await app.close();
      throw err;
    });
    const url = address.replace('[::1]', 'localhost');
    holder.url = url;
    // The HTTP server stops first, so no request is acked after the queue closes.
    opened.push({ close: () => app.close() });
    logger.info({ url, roles }, 'gosight listening');
    return { url, project, dataDir, access: access.describe(url), describe, processor, close: () => closeAll(opened, logger) };
  } catch (err) {
    await closeAll(opened, logger);
    throw err;
  }
}

function apiDeps(store: Opened<Stores>, cold: Opened<ColdStore>, queue: Opened<ReplayQueue> | undefined,
  project: ProjectIdentity, logger: Logger): Pick<ApiDeps, 'store' | 'projectId' | 'deadLetters'> {
  return {
    store: new ArchiveAwareReader(store.value.chunks, cold.value),
    projectId: project.projectId,
    deadLetters: new LocalDeadLetterAdmin(store.value.deadLetters, queue?.value, logger),
  };
}

const perMinute = (max: number) => ({ max, windowMs: 60_000 });
const perQuarterHour = (max: number) => ({ max, windowMs: 15 * 60_000 });

/** Loopback, and no proxy in front that could carry other machines' requests to it. */
export const listensOnLoopbackOnly = (config: Readonly<Config>): boolean =>
  ['127.0.0.1', 'localhost', '::1'].includes(config.host) && (config.trustProxy === undefined || config.trustProxy === '' || config.trustProxy === 'false');

/**
 * Who may read replays. Beyond loopback, always accounts: the server does not start
 * without one. On loopback without accounts, this machine's users (the `npm start` demo);
 * once an account exists, accounts there too.
 */
async function accessPolicy(config: Readonly<Config>, accounts: Accounts): Promise<{ open: boolean; describe(url: string | undefined): string }> {
  const loopback = listensOnLoopbackOnly(config);
  const hasUsers = await accounts.hasUsers();
  if (!loopback && !hasUsers) {
    throw new ConfigError(`GoSight would listen on ${config.host}${config.trustProxy ? ' behind a proxy' : ''}, beyond this machine, and has no account, so anyone could read the replays.
Create one first, then start again:
  gosight users add --email you@example.com --admin --data-dir ${config.dataDir}${config.clickhouseUrl ? ' --clickhouse-url …' : ''}
(it asks for a password; or set GOSIGHT_PASSWORD).`);
  }
  return {
    open: loopback,
    describe: () => (hasUsers
      ? 'accounts: log in to read replays; each user sees the projects they are a member of (API scripts: gosight tokens create)'
      : 'NO ACCOUNTS: anyone on this machine can read every replay (listening on loopback only). To require a login: gosight users add --email you@example.com --admin'),
  };
}
