import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { FileQueue, KafkaQueue, type ReplayQueue } from '../queue/index.js';
import {
  ClickHouseChunkStore, ClickHouseDeadLetterStore, createClickHouseClient, describeTarget, type DeadLetterStore,
} from '../store/index.js';
import type { DiskSpace } from '../pipeline/disk-space.js';
import { ClickHouseAccountStore, type AccountStore } from '../accounts/index.js';
import { FsColdStore, S3ColdStore, type ColdStore } from '../coldstore/index.js';

/**
 * The one place that turns configuration into concrete adapters. Every stage receives
 * these through its dependencies; nothing else constructs a queue, store or cold store.
 */
export interface Opened<T> {
  value: T;
  description: string;
  close(): Promise<void>;
}

/** The embedded queue and chDB assume one process per data directory: these settings use them. */
export const usesEmbeddedQueue = (config: Readonly<Config>): boolean => config.queue === 'file';
export const usesEmbeddedStore = (config: Readonly<Config>): boolean => !config.clickhouseUrl;

/** The replay topic; `disk` guards the embedded queue's filesystem. */
export async function openQueue(config: Readonly<Config>, logger: Logger, disk?: DiskSpace): Promise<Opened<ReplayQueue>> {
  if (config.queue === 'kafka') {
    const brokers = (config.kafkaBrokers ?? '').split(',').map((b) => b.trim()).filter(Boolean);
    const queue = new KafkaQueue({
      brokers, topic: config.kafkaTopic, clientId: config.kafkaClientId, maxRecordBytes: config.kafkaMaxRecordBytes, logger,
    });
    return { value: queue, description: `Kafka topic "${config.kafkaTopic}" at ${brokers.join(', ')}`, close: () => queue.close() };
  }
  const dir = resolve(config.dataDir, 'queue', 'replay');
  const queue = await FileQueue.open({ dir, segmentBytes: config.queueSegmentBytes, logger, disk });
  return { value: queue, description: `embedded log at ${dir}`, close: () => queue.close() };
}

export interface Stores {
  chunks: ClickHouseChunkStore;
  deadLetters: DeadLetterStore;
  accounts: AccountStore;
}

/** The chunk, dead-letter and account stores, on one ClickHouse client, migrated. */
export async function openStore(config: Readonly<Config>): Promise<Opened<Stores>> {
  const target = { url: config.clickhouseUrl, dataDir: resolve(config.dataDir) };
  const client = createClickHouseClient(target);
  const store = new ClickHouseChunkStore(client, config.clickhouseDatabase);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw new Error(`cannot prepare the store (${describeTarget(target)}): ${(err as Error).message}`, { cause: err });
  }
  const deadLetters = new ClickHouseDeadLetterStore(client, config.clickhouseDatabase);
  const accounts = new ClickHouseAccountStore(client, config.clickhouseDatabase);
  return { value: { chunks: store, deadLetters, accounts }, description: describeTarget(target), close: () => store.close() };
}

export async function openColdStore(config: Readonly<Config>): Promise<Opened<ColdStore>> {
  if (config.coldStore === 's3') {
    const store = new S3ColdStore({
      endpoint: config.s3Endpoint, region: config.s3Region, bucket: config.s3Bucket, accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey, forcePathStyle: config.s3ForcePathStyle,
    });
    try {
      await store.ensureBucket();
    } catch (err) {
      store.close();
      throw new Error(`cannot reach cold storage (${store.describe()}): ${(err as Error).message}`, { cause: err });
    }
    return { value: store, description: store.describe(), close: async () => store.close() };
  }
  const store = new FsColdStore(resolve(config.coldStoreDir ?? resolve(config.dataDir, 'archive')));
  return { value: store, description: store.describe(), close: async () => undefined };
}

/** Closes in reverse order of opening, reporting but not stopping on errors. */
export async function closeAll(items: { close(): Promise<void> }[], logger: Logger): Promise<void> {
  for (const item of [...items].reverse()) {
    await item.close().catch((err: unknown) => logger.error({ err }, 'error while closing'));
  }
}
