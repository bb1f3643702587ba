/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PendingBatch } from './batch.js';
import { silentLogger } from './logger.js';
import type { SendOutcome } from './send-outcome.js';
import { createSendQueue } from './send-queue.js';
import type { Transport } from './transport.js';

const batch = (seq: number): PendingBatch => ({ seq, body: `{"seq":${seq}}` });

/** Answers from a script of outcomes; records what was attempted. */
function scriptedTransport(outcomes: SendOutcome[]) {
  const attempts: string[] = [];
  const finals: string[] = [];
  let finalLimit = Infinity;
  const transport: Transport = {
    async send(body) {
      attempts.push(body);
      return outcomes.shift() ?? 'ok';
    },
    sendFinal(bodies) {
      const accepted = bodies.slice(0, finalLimit);
      finals.push(...accepted);
      return accepted.length;
    },
  };
  return { transport, attempts, finals, limitFinal: (n: number) => (finalLimit = n) };
}

test('sends waiting batches one at a time in seq order', async () => {
  const { transport, attempts } = scriptedTransport([]);
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  queue.enqueue(batch(0));
  queue.enqueue(batch(1));
  queue.enqueue(batch(2));
  await queue.pump();
  assert.deepEqual(attempts, ['{"seq":0}', '{"seq":1}', '{"seq":2}']);
  assert.deepEqual(queue.waitingSeqs(), []);
  assert.equal(queue.stats.sent, 3);
});

test('a retryable failure keeps the batch at the head until the next flush', async () => {
  const { transport, attempts } = scriptedTransport(['retry']);
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  queue.enqueue(batch(0));
  queue.enqueue(batch(1));
  await queue.pump();
  assert.deepEqual(attempts, ['{"seq":0}']);
  assert.deepEqual(queue.waitingSeqs(), [0, 1]);

  await queue.pump(); // next flush
  assert.deepEqual(attempts, ['{"seq":0}', '{"seq":0}', '{"seq":1}']);
  assert.deepEqual(queue.waitingSeqs(), []);
});

test('a rejected batch is dropped and the next one goes out', async () => {
  const { transport, attempts } = scriptedTransport(['drop']);
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  queue.enqueue(batch(0));
  queue.enqueue(batch(1));
  await queue.pump();
  assert.deepEqual(attempts, ['{"seq":0}', '{"seq":1}']);
  assert.equal(queue.stats.dropped, 1);
  assert.equal(queue.stats.sent, 1);
});

test('concurrent pumps share one sender, so nothing is sent twice or out of order', async () => {
  const { transport, attempts } = scriptedTransport([]);
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  queue.enqueue(batch(0));
  const first = queue.pump();
  queue.enqueue(batch(1));
  const second = queue.pump();
  assert.equal(first, second);
  await second;
  assert.deepEqual(attempts, ['{"seq":0}', '{"seq":1}']);
});

test('drops the oldest batches past the cap and counts them', () => {
  const { transport } = scriptedTransport([]);
  const queue = createSendQueue({ transport, maxPendingBatches: 2, log: silentLogger });
  for (const seq of [0, 1, 2, 3]) queue.enqueue(batch(seq));
  assert.deepEqual(queue.waitingSeqs(), [2, 3]);
  assert.equal(queue.stats.overflowed, 2);
});

test('sendAllFinal hands over everything waiting, and keeps what the browser refused', () => {
  const { transport, finals, limitFinal } = scriptedTransport([]);
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  for (const seq of [0, 1, 2]) queue.enqueue(batch(seq));
  limitFinal(2);
  queue.sendAllFinal();
  assert.deepEqual(finals, ['{"seq":0}', '{"seq":1}']);
  assert.deepEqual(queue.waitingSeqs(), [2]);
});

test('a batch handed over on pagehide while in flight is not counted twice', async () => {
  let release: (outcome: SendOutcome) => void = () => {};
  const finals: string[] = [];
  const transport: Transport = {
    send: () => new Promise((resolve) => (release = resolve)),
    sendFinal: (bodies) => (finals.push(...bodies), bodies.length),
  };
  const queue = createSendQueue({ transport, maxPendingBatches: 10, log: silentLogger });
  queue.enqueue(batch(0));
  const pumping = queue.pump();
  queue.sendAllFinal();
  release('ok');
  await pumping;
  assert.deepEqual(finals, ['{"seq":0}']);
  assert.equal(queue.stats.sent, 1);
  assert.deepEqual(queue.waitingSeqs(), []);
});
