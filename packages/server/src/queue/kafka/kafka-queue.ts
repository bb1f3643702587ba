import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { GoSightError } from '../../errors/index.js';
import type { BatchHandler, QueueMessage, QueueSubscription, ReplayQueue } from '../queue.js';
import { PartJoiner, readPart, splitMessage } from './message-parts.js';

export interface KafkaQueueOptions {
  brokers: string[];
  topic: string;
  clientId: string;
  /** Largest record sent; bigger messages are split (the broker's message.max.bytes bounds it). */
  maxRecordBytes: number;
  logger: Logger;
}

interface PendingSend {
  key: string;
  records: Buffer[];
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * The replay topic on Kafka (kafkajs). Publishing waits for all in-sync replicas
 * (acks = -1) and groups concurrent publishes into one produce request. The message key
 * is the session id, so a session's batches stay in one partition, in order. Consumers
 * are a consumer group: offsets are committed only when the processor says its data is
 * stored, and a rebalance hands partitions to the other processes.
 */
export class KafkaQueue implements ReplayQueue {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private producerReady: Promise<Producer> | undefined;
  private pending: PendingSend[] = [];
  private sending: Promise<void> | undefined;
  private readonly consumers = new Set<Consumer>();
  private closed = false;

  constructor(private readonly opts: KafkaQueueOptions) {
    const log = opts.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => ({ level, log: entry }: LogEntry) => {
        const fields = { ...entry, namespace: entry.namespace };
        if (level <= logLevel.ERROR) log.error(fields, entry.message);
        else log.warn(fields, entry.message);
      },
      // Fail fast: the SDK retries a 503; a request hanging for half a minute helps nobody.
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
    });
  }

  publish(key: string, value: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new GoSightError('QUEUE_UNAVAILABLE', 'queue is closed'));
    const records = splitMessage(value, this.opts.maxRecordBytes, randomUUID());
    return new Promise((resolve, reject) => {
      this.pending.push({ key, records, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.sending) return;
    this.sending = this.drain().finally(() => {
      this.sending = undefined;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        const producer = await this.connectedProducer();
        await producer.send({
          topic: this.opts.topic,
          acks: -1,
          timeout: 10_000,
          messages: group.flatMap((p) => p.records.map((value) => ({ key: p.key, value }))),
        });
        for (const p of group) p.resolve();
      } catch (err) {
        this.opts.logger.error({ err }, 'kafka: produce failed');
        this.producerReady = undefined;
        for (const p of group) p.reject(new GoSightError('QUEUE_UNAVAILABLE', `Kafka is unavailable: ${(err as Error).message}`, { cause: err }));
      }
    }
  }

  private connectedProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      if (this.producer) await this.producer.disconnect().catch(() => undefined);
      const producer = this.kafka.producer({ allowAutoTopicCreation: true, maxInFlightRequests: 5 });
      await producer.connect();
      this.producer = producer;
      return producer;
    })().catch((err: unknown) => {
      this.producerReady = undefined;
      throw err;
    });
    return this.producerReady;
  }

  async subscribe(group: string, handler: BatchHandler): Promise<QueueSubscription> {
    const consumer = this.kafka.consumer({ groupId: group, allowAutoTopicCreation: true, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    this.consumers.add(consumer);
    const joiner = new PartJoiner();
    let assigned = new Set<number>();
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      assigned = new Set(e.payload.memberAssignment[this.opts.topic] ?? []);
      joiner.forgetPartitions((p) => assigned.has(p));
      this.opts.logger.info({ group, partitions: [...assigned] }, 'kafka: partitions assigned');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.opts.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages: QueueMessage[] = [];
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          const value = m.value ?? Buffer.alloc(0);
          const key = m.key?.toString('utf8') ?? '';
          const part = readPart(value);
          if (!part) {
            messages.push({ partition: batch.partition, offset, firstOffset: offset, key, value });
            continue;
          }
          const whole = joiner.add(batch.partition, offset, part.header, part.slice);
          if (whole) messages.push({ partition: batch.partition, offset, firstOffset: whole.firstOffset, key, value: whole.value });
        }
        for (let attempt = 0; messages.length > 0; attempt++) {
          if (!isRunning() || isStale()) return;
          try {
            await handler(messages);
            break;
          } catch (err) {
            this.opts.logger.error({ err, group, attempt }, 'kafka: consumer failed on a batch; redelivering it');
            await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5_000)));
            await heartbeat();
          }
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last) resolveOffset(last.offset);
        await heartbeat();
      },
    });
    return {
      commit: async (partition, nextOffset) => {
        // Never past the first record of a message whose parts are still arriving.
        const held = joiner.lowestPendingOffset(partition);
        const offset = held !== undefined ? Math.min(held, nextOffset) : nextOffset;
        await consumer.commitOffsets([{ topic: this.opts.topic, partition, offset: String(offset) }]);
      },
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
      onPartitionsAssigned: (listener) => {
        consumer.on(consumer.events.GROUP_JOIN, (e) => listener(e.payload.memberAssignment[this.opts.topic] ?? []));
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.sending) await this.sending;
    for (const c of [...this.consumers]) await c.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }
}
