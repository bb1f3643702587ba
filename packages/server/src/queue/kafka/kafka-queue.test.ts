import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { startKafkaMockCluster } from '../../../testing/kafka-mock-cluster.js';
import { silentLogger } from '../../../testing/test-support.js';
import { collect, runQueueContract } from '../queue-contract.js';
import { KafkaQueue } from './kafka-queue.js';

const cluster = await startKafkaMockCluster();
after(() => cluster.stop());

const openQueue = (topic: string, maxRecordBytes = 900_000) =>
  new KafkaQueue({ brokers: [cluster.bootstrap], topic, clientId: 'gosight-test', maxRecordBytes, logger: silentLogger() });

runQueueContract({
  name: 'KafkaQueue (librdkafka mock cluster)',
  async create() {
    const topic = `replay-${randomUUID()}`;
    return { queue: openQueue(topic), reopen: async () => openQueue(topic) };
  },
});

test('KafkaQueue: a message larger than one record is split and delivered whole', async () => {
  const q = openQueue(`replay-${randomUUID()}`, 10_000);
  const big = randomBytes(55_000);
  await q.publish('session-big', Buffer.from('before'));
  await q.publish('session-big', big);
  await q.publish('session-big', Buffer.from('after'));
  const got = await collect(q, 'split-test', 3);
  assert.equal(got.length, 3);
  assert.ok(got[1].value.equals(big), 'reassembled byte-exact');
  assert.ok(got[1].firstOffset < got[1].offset, 'first and last record offsets span the parts');
  assert.equal(got[2].firstOffset, got[1].offset + 1);
  await q.close();
});

test('KafkaQueue: an unreachable cluster is a queue-unavailable error, quickly', async () => {
  const q = new KafkaQueue({ brokers: ['127.0.0.1:1'], topic: 'nowhere', clientId: 't', maxRecordBytes: 1000, logger: silentLogger() });
  const started = Date.now();
  await assert.rejects(q.publish('k', Buffer.from('x')), (e: Error & { code?: string }) => e.code === 'GOSIGHT_QUEUE_UNAVAILABLE');
  assert.ok(Date.now() - started < 20_000, 'fails within seconds, not minutes');
  await q.close();
});
