/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, type ReplayBatch } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import { createClient, type ClientDeps } from './client.js';
import { resolveConfig } from './config.js';
import { silentLogger } from './logger.js';
import type { SendOutcome } from './send-outcome.js';
import { createMemoryStore, type KeyValueStore } from './storage.js';

const SID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
type Emit = (event: eventWithTime, isCheckout?: boolean) => void;

/** A client wired to in-memory fakes: the test plays rrweb, the clock and the page. */
function harness(options: { maxBatchEvents?: number; store?: KeyValueStore; outcomes?: SendOutcome[]; recordFails?: boolean } = {}) {
  const resolved = resolveConfig({ endpoint: 'http://h', projectKey: 'k', maxBatchEvents: options.maxBatchEvents ?? 50 });
  assert.ok(resolved.ok);
  const sent: ReplayBatch[] = [];
  const sentFinal: ReplayBatch[] = [];
  const outcomes = options.outcomes ?? [];
  let emit: Emit = () => {};
  let tick: () => void = () => {};
  let pageHide: () => void = () => {};
  const state = { recording: false, intervalMs: 0, timerCleared: false, pageHideUnsubscribed: false };

  const deps: ClientDeps = {
    store: options.store ?? createMemoryStore(),
    transport: {
      async send(body) {
        const outcome = outcomes.shift() ?? 'ok';
        if (outcome === 'ok') sent.push(JSON.parse(body) as ReplayBatch);
        return outcome;
      },
      sendFinal(bodies) {
        sentFinal.push(...bodies.map((body) => JSON.parse(body) as ReplayBatch));
        return bodies.length;
      },
    },
    startRecording(onEvent, onFailed) {
      if (options.recordFails) {
        onFailed();
        return () => {};
      }
      emit = onEvent;
      state.recording = true;
      return () => {
        state.recording = false;
      };
    },
    onPageHide(callback) {
      pageHide = callback;
      return () => {
        state.pageHideUnsubscribed = true;
      };
    },
    timers: {
      setInterval(callback, intervalMs) {
        tick = callback;
        state.intervalMs = intervalMs;
        return 1;
      },
      clearInterval() {
        state.timerCleared = true;
      },
    },
    newSessionId: () => SID,
    log: silentLogger,
  };
  const client = createClient(resolved.config, deps);
  let now = 1000;
  const event = (type: number, isCheckout = false): void =>
    emit({ type, data: {}, timestamp: now++ } as eventWithTime, isCheckout);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { client, sent, sentFinal, event, tick: () => tick(), pageHide: () => pageHide(), settle, state };
}

const types = (batch: ReplayBatch) => batch.events.map((e) => e.type);
const { Meta, FullSnapshot, IncrementalSnapshot } = EventType;

test('flushes at maxBatchEvents with increasing seq', async () => {
  const h = harness({ maxBatchEvents: 3 });
  for (let i = 0; i < 6; i++) h.event(IncrementalSnapshot);
  await h.settle();
  assert.deepEqual(h.sent.map((b) => [b.sessionId, b.seq, b.v, b.events.length]), [[SID, 0, 1, 3], [SID, 1, 1, 3]]);
});

test('the first Meta + FullSnapshot is sent at once, as its own batch', async () => {
  const h = harness();
  h.event(Meta);
  h.event(FullSnapshot);
  h.event(IncrementalSnapshot);
  await h.settle();
  assert.deepEqual(h.sent.map(types), [[Meta, FullSnapshot]]);
});

test('a checkout flushes the buffer first, so the next batch starts with Meta + FullSnapshot', async () => {
  const h = harness();
  h.event(Meta);
  h.event(FullSnapshot);
  h.event(IncrementalSnapshot);
  h.event(IncrementalSnapshot);
  h.event(Meta, true);
  h.event(FullSnapshot, true);
  h.event(IncrementalSnapshot);
  h.tick();
  await h.settle();
  assert.deepEqual(h.sent.map(types), [
    [Meta, FullSnapshot],
    [IncrementalSnapshot, IncrementalSnapshot],
    [Meta, FullSnapshot],
    [IncrementalSnapshot],
  ]);
  assert.deepEqual(h.sent.map((b) => b.seq), [0, 1, 2, 3]);
});

test('a full buffer never separates a Meta from its FullSnapshot', async () => {
  const h = harness({ maxBatchEvents: 1 });
  h.event(IncrementalSnapshot);
  h.event(Meta, true); // a one-event batch would be full here, but the Meta must wait
  h.event(FullSnapshot, true);
  await h.settle();
  assert.deepEqual(h.sent.map(types), [[IncrementalSnapshot], [Meta, FullSnapshot]]);
});

test('the timer flushes partial batches at flushIntervalMs and skips empty ones', async () => {
  const h = harness();
  assert.equal(h.state.intervalMs, 5000);
  h.tick();
  await h.settle();
  assert.equal(h.sent.length, 0);
  h.event(IncrementalSnapshot);
  h.tick();
  await h.settle();
  assert.equal(h.sent.length, 1);
  assert.equal(h.sent[0].seq, 0);
});

test('pagehide sends buffered and waiting batches synchronously, in seq order', async () => {
  const h = harness({ outcomes: ['retry'] });
  h.event(Meta);
  h.event(FullSnapshot); // seq 0 is cut at once, fails and waits
  await h.settle();
  h.event(IncrementalSnapshot);
  h.pageHide(); // seq 1 cut now; both go out through the final channel
  assert.deepEqual(h.sentFinal.map((b) => b.seq), [0, 1]);
  assert.deepEqual(types(h.sentFinal[1]), [IncrementalSnapshot]);
  assert.equal(h.sent.length, 0);
});

test('a failed batch is retried on the next flush before newer ones', async () => {
  const h = harness({ outcomes: ['retry'] });
  h.event(IncrementalSnapshot);
  h.tick();
  await h.settle();
  assert.equal(h.sent.length, 0);
  h.event(IncrementalSnapshot);
  h.tick();
  await h.settle();
  assert.deepEqual(h.sent.map((b) => b.seq), [0, 1]);
});

test('a second page in the same tab keeps the session id and continues seq', async () => {
  const tab = createMemoryStore();
  const page1 = harness({ store: tab });
  page1.event(Meta);
  page1.event(FullSnapshot);
  await page1.settle();
  page1.event(IncrementalSnapshot);
  page1.pageHide();
  const page2 = harness({ store: tab });
  page2.event(Meta);
  page2.event(FullSnapshot);
  await page2.settle();
  assert.equal(page2.client.sessionId, page1.client.sessionId);
  assert.deepEqual([...page1.sent, ...page1.sentFinal].map((b) => b.seq), [0, 1]);
  assert.deepEqual(page2.sent.map((b) => b.seq), [2]);
});

test('stop ends recording, timers and listeners, then flushes what is left', async () => {
  const h = harness();
  h.event(IncrementalSnapshot);
  h.client.stop();
  h.event(IncrementalSnapshot); // ignored after stop
  await h.settle();
  assert.equal(h.client.stopped, true);
  assert.equal(h.state.recording, false);
  assert.equal(h.state.timerCleared, true);
  assert.equal(h.state.pageHideUnsubscribed, true);
  assert.equal(h.sent.length, 1);
  assert.equal(h.sent[0].events.length, 1);
  h.client.stop(); // second call is harmless
});

test('a recorder that cannot start leaves a stopped client', () => {
  const h = harness({ recordFails: true });
  assert.equal(h.client.stopped, true);
  assert.equal(h.state.timerCleared, true);
});
