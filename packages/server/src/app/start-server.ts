import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { StaticProjectKeys } from '../ingest/index.js';
import { FileQueue } from '../queue/index.js';
import { ReplayProcessor } from '../processor/index.js';
import { ClickHouseChunkStore, createClickHouseClient, describeTarget } from '../store/index.js';
import { resolveProjectKey, type ProjectIdentity } from '../cli/project-file.js';
import { buildApp } from './build-app.js';
import { defaultAssetPaths } from './asset-paths.js';

export interface RunningServer {
  url: string;
  project: ProjectIdentity;
  dataDir: string;
  storeDescription: string;
  processor: ReplayProcessor;
  /** Stops taking requests, writes what the processor holds, commits, and closes files. */
  close(): Promise<void>;
}

/**
 * Starts the all-in-one server (embedded mode): queue on local disk, processor, store
 * (chDB or a ClickHouse server), and the HTTP app. The only place that builds concrete
 * adapters; every stage receives them.
 */
export async function startServer(config: Readonly<Config>, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const project = resolveProjectKey(dataDir, config.projectId, config.projectKey);

  const queue = await FileQueue.open({ dir: resolve(dataDir, 'queue', 'replay'), segmentBytes: config.queueSegmentBytes, logger });
  const target = { url: config.clickhouseUrl, dataDir };
  const store = new ClickHouseChunkStore(createClickHouseClient(target), config.clickhouseDatabase);
  try {
    await store.migrate();
  } catch (err) {
    await queue.close();
    throw new Error(`cannot prepare the store (${describeTarget(target)}): ${(err as Error).message}`, { cause: err });
  }
  const processor = new ReplayProcessor({ queue, store, logger, config });
  await processor.start();

  const app = await buildApp({
    logger,
    ingest: { queue, projects: new StaticProjectKeys([[project.projectKey, project.projectId]]), limits: config },
    api: { store, projectId: project.projectId },
    assets: { paths: defaultAssetPaths(), demoConfig: { projectKey: project.projectKey } },
  });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await processor.stop();
    await queue.close();
    await store.close();
    throw err;
  }
  const url = address.replace('[::1]', 'localhost');
  logger.info({ url, dataDir, store: describeTarget(target) }, 'gosight listening');

  return {
    url,
    project,
    dataDir,
    storeDescription: describeTarget(target),
    processor,
    async close() {
      await app.close();
      await processor.stop();
      await queue.close();
      await store.close();
    },
  };
}
