/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinParts, type BatchDraft, type BodyParts } from './batch.js';
import { silentLogger } from './logger.js';
import { createQueuePersistence, type RawStore } from './queue-persistence.js';
import type { SendResult } from './send-outcome.js';
import { createSendQueue, type SendQueueDeps } from './send-queue.js';
import { createFakeClock, settle } from './test-support/fake-timers.js';
import type { Transport } from './transport.js';

const SID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const draft = (seq: number, events = 2): BatchDraft => ({ sessionId: SID, seq, events: Array.from({ length: events }, (_, i) => `{"type":3,"data":{"source":1},"timestamp":${seq * 100 + i + 1}}`) });
const seqOf = (body: string | BodyParts) => (JSON.parse(typeof body === 'string' ? body : joinParts(body)) as { seq: number }).seq;

/** A queue over a scripted transport, a hand-driven clock and a Map-backed sessionStorage. */
function harness(opts: { results?: SendResult[]; online?: boolean; maxPendingBatches?: number; maxQueueChars?: number; storage?: Map<string, string>; finalLimit?: number } = {}) {
  const results = opts.results ?? [];
  const attempts: string[] = [];
  const finals: string[] = [];
  const clock = createFakeClock();
  const state = { online: opts.online ?? true };
  const transport: Transport = {
    async send(parts) {
      attempts.push(joinParts(parts));
      return results.shift() ?? { outcome: 'ok' };
    },
    sendFinal(bodies) {
      const accepted = bodies.slice(0, opts.finalLimit ?? Infinity);
      finals.push(...accepted);
      return accepted.length;
    },
  };
  const map = opts.storage ?? new Map<string, string>();
  const store: RawStore = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  const deps: SendQueueDeps = {
    transport,
    persistence: createQueuePersistence(() => store, clock.now, silentLogger),
    timers: clock,
    now: clock.now,
    random: () => 1,
    isOnline: () => state.online,
    maxPendingBatches: opts.maxPendingBatches ?? 100,
    maxQueueChars: opts.maxQueueChars ?? 1_000_000,
    log: silentLogger,
  };
  const queue = createSendQueue(deps);
  return { queue, attempts, finals, clock, state, map, seqs: () => attempts.map(seqOf) };
}

test('sends waiting batches one at a time in seq order', async () => {
  const h = harness();
  for (const seq of [0, 1, 2]) h.queue.enqueue(draft(seq));
  await h.queue.pump();
  assert.deepEqual(h.seqs(), [0, 1, 2]);
  assert.deepEqual(h.queue.waitingSeqs(), []);
  assert.equal(h.queue.stats.sent, 3);
});

test('a retryable failure waits out an exponential backoff, then resends the same bytes before newer ones', async () => {
  const h = harness({ results: [{ outcome: 'retry' }, { outcome: 'retry' }] });
  h.queue.enqueue(draft(0));
  h.queue.enqueue(draft(1));
  await h.queue.pump();
  assert.deepEqual(h.seqs(), [0]);
  assert.deepEqual(h.clock.pendingDelays(), [1000]);
  await h.queue.pump(); // a flush before the retry time sends nothing
  assert.deepEqual(h.seqs(), [0]);
  h.clock.advance(1000);
  await settle();
  assert.deepEqual(h.seqs(), [0, 0]);
  assert.deepEqual(h.clock.pendingDelays(), [2000], 'the delay doubles');
  h.clock.advance(2000);
  await settle();
  assert.deepEqual(h.seqs(), [0, 0, 0, 1]);
  assert.equal(h.attempts[0], h.attempts[2]);
  assert.equal(h.queue.stats.retries, 2);
  assert.equal(h.queue.stats.sent, 2);
});

test('Retry-After sets the wait', async () => {
  const h = harness({ results: [{ outcome: 'retry', retryAfterMs: 7000 }] });
  h.queue.enqueue(draft(0));
  await h.queue.pump();
  assert.deepEqual(h.clock.pendingDelays(), [7000]);
  h.clock.advance(6999);
  await settle();
  assert.deepEqual(h.seqs(), [0]);
  h.clock.advance(1);
  await settle();
  assert.deepEqual(h.seqs(), [0, 0]);
});

test('offline: nothing is attempted until the browser is back online', async () => {
  const h = harness({ online: false });
  h.queue.enqueue(draft(0));
  await h.queue.pump();
  assert.deepEqual(h.attempts, []);
  h.state.online = true;
  h.queue.retryNow();
  await settle();
  assert.deepEqual(h.seqs(), [0]);
});

test('back online, a batch in backoff is retried at once', async () => {
  const h = harness({ results: [{ outcome: 'retry' }, { outcome: 'retry' }] });
  h.queue.enqueue(draft(0));
  await h.queue.pump();
  h.clock.advance(1000);
  await settle();
  assert.deepEqual(h.clock.pendingDelays(), [2000]);
  h.queue.retryNow(); // the 'online' event
  await settle();
  assert.deepEqual(h.seqs(), [0, 0, 0]);
  assert.deepEqual(h.clock.pendingDelays(), []);
  assert.deepEqual(h.queue.waitingSeqs(), []);
});

test('a rejected batch is dropped and the next one goes out', async () => {
  const h = harness({ results: [{ outcome: 'drop' }] });
  h.queue.enqueue(draft(0));
  h.queue.enqueue(draft(1));
  await h.queue.pump();
  assert.deepEqual(h.seqs(), [0, 1]);
  assert.equal(h.queue.stats.rejected, 1);
  assert.equal(h.queue.stats.sent, 1);
});

test('concurrent pumps share one sender, so nothing is sent twice or out of order', async () => {
  const h = harness();
  h.queue.enqueue(draft(0));
  const first = h.queue.pump();
  h.queue.enqueue(draft(1));
  const second = h.queue.pump();
  assert.equal(first, second);
  await second;
  assert.deepEqual(h.seqs(), [0, 1]);
});

test('over budget the oldest batches go, and the next batch reports their events', async () => {
  const h = harness({ maxPendingBatches: 2, online: false });
  for (const seq of [0, 1, 2, 3]) h.queue.enqueue(draft(seq, 3));
  assert.deepEqual(h.queue.waitingSeqs(), [2, 3]);
  assert.equal(h.queue.stats.droppedBatches, 2);
  assert.equal(h.queue.stats.droppedEvents, 6);
  h.state.online = true;
  h.queue.retryNow();
  await settle();
  const bodies = h.attempts.map((b) => JSON.parse(b) as { seq: number; droppedEvents?: number });
  assert.deepEqual(bodies.map((b) => [b.seq, b.droppedEvents]), [[2, 3], [3, 3]]);
});

test('the character budget counts too, and a batch in flight is never the one dropped', async () => {
  let release: (r: SendResult) => void = () => {};
  let calls = 0;
  const clock = createFakeClock();
  const sent: number[] = [];
  const queue = createSendQueue({
    transport: {
      send: (body) => {
        sent.push(seqOf(body));
        return calls++ === 0 ? new Promise((resolve) => (release = resolve)) : Promise.resolve({ outcome: 'ok' });
      },
      sendFinal: () => 0,
    },
    persistence: { save() {}, forget() {}, load: () => ({ batches: [], droppedEvents: 0 }) },
    timers: clock, now: clock.now, random: () => 1, isOnline: () => true, maxPendingBatches: 100, maxQueueChars: 800, log: silentLogger,
  });
  queue.enqueue(draft(0, 3)); // about 220 characters each: three fit in 800
  const pumping = queue.pump();
  for (const seq of [1, 2, 3, 4]) queue.enqueue(draft(seq, 3));
  assert.deepEqual(queue.waitingSeqs(), [0, 3, 4], 'seq 0 is in flight and stays; 1 and 2 make room');
  release({ outcome: 'ok' });
  await pumping;
  assert.deepEqual(sent, [0, 3, 4]);
  assert.equal(queue.stats.droppedBatches, 2);
});

test('events dropped before batching are reported in the next batch', async () => {
  const h = harness();
  h.queue.noteDropped(2);
  h.queue.enqueue(draft(0));
  h.queue.enqueue(draft(1));
  await h.queue.pump();
  assert.deepEqual(h.attempts.map((b) => (JSON.parse(b) as { droppedEvents?: number }).droppedEvents), [2, undefined]);
});

test('pagehide while healthy: everything handed to the browser, nothing parked', () => {
  const h = harness();
  h.queue.enqueue(draft(0));
  h.queue.enqueue(draft(1));
  h.queue.sendAllFinal();
  assert.deepEqual(h.finals.map(seqOf), [0, 1]);
  assert.deepEqual(h.queue.waitingSeqs(), []);
  assert.equal(h.map.size, 0);
});

test('pagehide while the server fails: handed over and also parked; offline: parked only', async () => {
  const h = harness({ results: [{ outcome: 'retry' }] });
  h.queue.enqueue(draft(0));
  await h.queue.pump();
  h.queue.enqueue(draft(1));
  h.queue.sendAllFinal();
  assert.deepEqual(h.finals.map(seqOf), [0, 1]);
  assert.deepEqual(h.queue.waitingSeqs(), [0, 1], 'kept in case the page lives on');
  const next = harness({ storage: h.map });
  next.queue.restore(next.clock.now());
  await next.queue.pump();
  assert.deepEqual(next.seqs(), [0, 1], 'the next page sends them again (the server drops repeats)');
  assert.equal(next.map.size, 0, 'delivered batches leave storage');

  const off = harness({ online: false });
  off.queue.enqueue(draft(5));
  off.queue.sendAllFinal();
  assert.deepEqual(off.finals, []);
  const after = harness({ storage: off.map });
  after.queue.restore(after.clock.now());
  after.queue.enqueue(draft(6));
  await after.queue.pump();
  assert.deepEqual(after.seqs(), [5, 6], 'parked batches go first');
});

test('what the browser refuses at pagehide is parked', () => {
  const h = harness({ finalLimit: 1 });
  for (const seq of [0, 1, 2]) h.queue.enqueue(draft(seq));
  h.queue.sendAllFinal();
  assert.deepEqual(h.finals.map(seqOf), [0]);
  assert.deepEqual(h.queue.waitingSeqs(), [1, 2]);
  const next = harness({ storage: h.map });
  next.queue.restore(next.clock.now());
  assert.deepEqual(next.queue.waitingSeqs(), [1, 2]);
});

test('a batch handed over on pagehide while in flight is not counted twice', async () => {
  let release: (r: SendResult) => void = () => {};
  const finals: string[] = [];
  const clock = createFakeClock();
  const queue = createSendQueue({
    transport: { send: () => new Promise((resolve) => (release = resolve)), sendFinal: (bodies) => (finals.push(...bodies), bodies.length) },
    persistence: { save() {}, forget() {}, load: () => ({ batches: [], droppedEvents: 0 }) },
    timers: clock, now: clock.now, random: () => 1, isOnline: () => true, maxPendingBatches: 10, maxQueueChars: 1e6, log: silentLogger,
  });
  queue.enqueue(draft(0));
  const pumping = queue.pump();
  queue.sendAllFinal();
  release({ outcome: 'ok' });
  await pumping;
  assert.equal(finals.length, 1);
  assert.equal(queue.stats.sent, 1);
  assert.deepEqual(queue.waitingSeqs(), []);
});

test('park() (page hidden) stores everything waiting, and acks remove it again', async () => {
  const h = harness({ online: false });
  h.queue.enqueue(draft(0));
  h.queue.enqueue(draft(1));
  h.queue.park();
  assert.equal([...h.map.keys()].filter((k) => k.startsWith('gosight.queue.')).length, 2);
  h.state.online = true;
  h.queue.retryNow();
  await settle();
  assert.equal(h.map.size, 0);
});

test('a batch enqueued just after the loop finished is still sent (no stale loop is joined)', async () => {
  const h = harness();
  void h.queue.pump(); // nothing waiting: the loop ends at once
  h.queue.enqueue(draft(0));
  await h.queue.pump();
  assert.deepEqual(h.seqs(), [0]);
});
