import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { StaticProjectKeys } from '../ingest/index.js';
import { ReplayProcessor } from '../processor/index.js';
import { ArchiveAwareReader } from '../archive/index.js';
import { resolveProjectKey, type ProjectIdentity } from '../cli/project-file.js';
import { buildApp } from './build-app.js';
import { defaultAssetPaths } from './asset-paths.js';
import { closeAll, openColdStore, openQueue, openStore } from './adapters.js';

/** The parts of GoSight one process can run; `start` runs them all. */
export type Role = 'ingest' | 'process' | 'api';

export interface RunningServer {
  /** Base URL when the process serves HTTP. */
  url: string | undefined;
  project: ProjectIdentity;
  dataDir: string;
  /** What each adapter works against, for start-up output. */
  describe: { queue?: string; store?: string; cold?: string };
  processor: ReplayProcessor | undefined;
  /** Stops taking requests, writes what the processor holds, commits, and closes everything. */
  close(): Promise<void>;
}

/**
 * Starts the given roles in this process. Only here are concrete adapters built (via
 * adapters.ts); every stage receives them.
 */
export async function startServer(config: Readonly<Config>, roles: readonly Role[] = ['ingest', 'process', 'api'],
  logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const project = resolveProjectKey(dataDir, config.projectId, config.projectKey);
  const opened: { close(): Promise<void> }[] = [];
  const describe: RunningServer['describe'] = {};
  try {
    const queue = roles.includes('ingest') || roles.includes('process') ? await openQueue(config, logger) : undefined;
    if (queue) { opened.push(queue); describe.queue = queue.description; }
    const store = roles.includes('process') || roles.includes('api') ? await openStore(config) : undefined;
    if (store) { opened.push(store); describe.store = store.description; }
    const cold = roles.includes('api') ? await openColdStore(config) : undefined;
    if (cold) { opened.push(cold); describe.cold = cold.description; }

    let processor: ReplayProcessor | undefined;
    if (roles.includes('process')) {
      processor = new ReplayProcessor({ queue: queue!.value, store: store!.value, logger, config });
      await processor.start();
      const p = processor;
      opened.push({ close: () => p.stop() });
    }

    let url: string | undefined;
    if (roles.includes('ingest') || roles.includes('api')) {
      const app = await buildApp({
        logger,
        ingest: roles.includes('ingest')
          ? { queue: queue!.value, projects: new StaticProjectKeys([[project.projectKey, project.projectId]]), limits: config }
          : undefined,
        api: roles.includes('api') ? { store: new ArchiveAwareReader(store!.value, cold!.value), projectId: project.projectId } : undefined,
        assets: roles.includes('api') ? { paths: defaultAssetPaths(), demoConfig: { projectKey: project.projectKey } } : undefined,
      });
      const address = await app.listen({ port: config.port, host: config.host }).catch(async (err: unknown) => {
        await app.close();
        throw err;
      });
      url = address.replace('[::1]', 'localhost');
      // The HTTP server stops first, so no request is acked after the queue closes.
      opened.push({ close: () => app.close() });
      logger.info({ url, roles }, 'gosight listening');
    }

    return { url, project, dataDir, describe, processor, close: () => closeAll(opened, logger) };
  } catch (err) {
    await closeAll(opened, logger);
    throw err;
  }
}
