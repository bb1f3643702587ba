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
    const joiner = new PartJoiner();
    const assignedListeners: ((partitions: number[]) => void)[] = [];
    const errorListeners: ((err: unknown) => void)[] = [];
    // Per partition: the broker's end (high watermark), the next offset delivered, the last commit.
    const ends = new Map<number, number>();
    const delivered = new Map<number, number>();
    const committed = new Map<number, number>();
    let consumer: Consumer | undefined;
    let stopped = false;

    const onAssigned = (partitions: number[]) => {
      const owned = new Set(partitions);
      joiner.forgetPartitions((p) => owned.has(p));
      for (const m of [ends, delivered, committed]) for (const p of [...m.keys()]) if (!owned.has(p)) m.delete(p);
      this.opts.logger.info({ group, partitions }, 'kafka: partitions assigned');
      for (const l of assignedListeners) l(partitions);
    };

    // A consumer that crashes without kafkajs restarting it (a non-retriable error, e.g. a
    // failed group sync) is replaced, so a processor never silently stops consuming.
    const start = async (): Promise<void> => {
      // A short fetch wait keeps ack-to-playable low when partitions are quiet.
      const c = this.kafka.consumer({
        groupId: group, allowAutoTopicCreation: true, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250,
      });
      consumer = c;
      this.consumers.add(c);
      c.on(c.events.GROUP_JOIN, (e) => onAssigned(e.payload.memberAssignment[this.opts.topic] ?? []));
      c.on(c.events.CRASH, (e) => {
        if (e.payload.restart || stopped) return;
        this.opts.logger.error({ err: e.payload.error, group }, 'kafka: consumer crashed; starting a new one');
        for (const l of errorListeners) l(e.payload.error);
        this.consumers.delete(c);
        onAssigned([]);
        void c.disconnect().catch(() => undefined).then(() => new Promise((r) => setTimeout(r, 1_000))).then(() => {
          if (!stopped) return start();
        }).catch((err: unknown) => this.opts.logger.error({ err, group }, 'kafka: could not restart the consumer'));
      });
      await c.connect();
      await c.subscribe({ topics: [this.opts.topic], fromBeginning: true });
      await c.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const messages = this.decodeBatch(batch.partition, batch.messages, joiner);
          ends.set(batch.partition, Number(batch.highWatermark));
          if (!committed.has(batch.partition) && batch.messages[0]) committed.set(batch.partition, Number(batch.messages[0].offset));
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
          if (last) {
            resolveOffset(last.offset);
            delivered.set(batch.partition, Number(last.offset) + 1);
          }
          await heartbeat();
        },
      });
    };
    await start();

    return {
      commit: async (partition, nextOffset) => {
        // Never past the first record of a message whose parts are still arriving.
        const held = joiner.lowestPendingOffset(partition);
        const offset = held !== undefined ? Math.min(held, nextOffset) : nextOffset;
        if (!consumer) throw new GoSightError('QUEUE_UNAVAILABLE', 'no Kafka consumer');
        await consumer.commitOffsets([{ topic: this.opts.topic, partition, offset: String(offset) }]);
        committed.set(partition, offset);
      },
      backlog: () => {
        if (ends.size === 0) return undefined;
        let depth = 0;
        let lag = 0;
        for (const [p, end] of ends) {
          depth += Math.max(0, end - (committed.get(p) ?? end));
          lag += Math.max(0, end - (delivered.get(p) ?? end));
        }
        return { depth, lag };
      },
      stop: async () => {
        stopped = true;
        if (consumer) {
          this.consumers.delete(consumer);
          await consumer.disconnect();
        }
      },
      onPartitionsAssigned: (listener) => {
        assignedListeners.push(listener);
      },
      onError: (listener) => {
        errorListeners.push(listener);
      },
    };
  }

  /** Kafka records to queue messages, joining split messages. */
  private decodeBatch(partition: number, records: { offset: string; key: Buffer | null; value: Buffer | null }[], joiner: PartJoiner): QueueMessage[] {
    const messages: QueueMessage[] = [];
    for (const m of records) {
      const offset = Number(m.offset);
      const value = m.value ?? Buffer.alloc(0);
      const key = m.key?.toString('utf8') ?? '';
      const part = readPart(value);
      if (!part) {
        messages.push({ partition, offset, firstOffset: offset, key, value });
        continue;
      }
      const whole = joiner.add(partition, offset, part.header, part.slice);
      if (whole) messages.push({ partition, offset, firstOffset: whole.firstOffset, key, value: whole.value });
    }
    return messages;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.sending) await this.sending;
    for (const c of [...this.consumers]) await c.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }
}
