/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinParts, type PendingBatch } from './batch.js';
import { QUEUE_INDEX_STORAGE_KEY, SESSION_MAX_DURATION_MS } from './constants.js';
import { silentLogger } from './logger.js';
import { createQueuePersistence, type RawStore } from './queue-persistence.js';

const SID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const batch = (seq: number, body = `{"seq":${seq}}`): PendingBatch => ({ sessionId: SID, seq, parts: [body.slice(0, 2), body.slice(2)], chars: body.length, eventCount: 2, droppedEvents: 0, attempts: 1 });

function mapStore() {
  const map = new Map<string, string>();
  const store: RawStore = {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
  return { map, store };
}

test('parked batches come back on the next page, in order, with the drop counter', () => {
  const { map, store } = mapStore();
  const page1 = createQueuePersistence(() => store, () => 1000, silentLogger);
  page1.save([batch(3), batch(4)], 5);
  assert.equal(map.get(`gosight.queue.${SID}.3`), '{"seq":3}');
  const page2 = createQueuePersistence(() => store, () => 2000, silentLogger);
  const loaded = page2.load(2000);
  assert.deepEqual(loaded.batches.map((b) => [b.seq, joinParts(b.parts), b.attempts, b.eventCount]), [[3, '{"seq":3}', 1, 2], [4, '{"seq":4}', 1, 2]]);
  assert.equal(loaded.droppedEvents, 5);
  assert.equal(page2.load(2000).droppedEvents, 0, 'the counter is handed over once');
});

test('a delivered batch is forgotten; a later save removes what is no longer waiting', () => {
  const { map, store } = mapStore();
  const p = createQueuePersistence(() => store, () => 1000, silentLogger);
  const b3 = batch(3);
  const b4 = batch(4);
  p.save([b3, b4], 0);
  p.forget(b3);
  assert.equal(map.has(`gosight.queue.${SID}.3`), false);
  p.save([batch(5)], 0);
  assert.equal(map.has(`gosight.queue.${SID}.4`), false);
  assert.deepEqual(createQueuePersistence(() => store, () => 1000, silentLogger).load(1000).batches.map((b) => b.seq), [5]);
  p.save([], 0);
  assert.equal(map.size, 0, 'nothing left behind');
});

test('over the storage budget the oldest stay out and count as dropped', () => {
  const { store } = mapStore();
  const p = createQueuePersistence(() => store, () => 1000, silentLogger, 25);
  p.save([batch(1, 'x'.repeat(10)), batch(2, 'y'.repeat(10)), batch(3, 'z'.repeat(10))], 1);
  const loaded = createQueuePersistence(() => store, () => 1000, silentLogger).load(1000);
  assert.deepEqual(loaded.batches.map((b) => b.seq), [2, 3]);
  assert.equal(loaded.droppedEvents, 3);
});

test('stale, missing or corrupt entries are skipped; a throwing store never throws', () => {
  const { map, store } = mapStore();
  createQueuePersistence(() => store, () => 1000, silentLogger).save([batch(1), batch(2)], 0);
  map.delete(`gosight.queue.${SID}.2`);
  assert.deepEqual(createQueuePersistence(() => store, () => 0, silentLogger).load(1000 + SESSION_MAX_DURATION_MS + 1).batches, []);
  map.set(QUEUE_INDEX_STORAGE_KEY, '{not json');
  assert.deepEqual(createQueuePersistence(() => store, () => 0, silentLogger).load(0), { batches: [], droppedEvents: 0 });
  const hostile: RawStore = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
  const p = createQueuePersistence(() => hostile, () => 0, silentLogger);
  p.save([batch(1)], 0);
  p.forget(batch(1));
  assert.deepEqual(p.load(0), { batches: [], droppedEvents: 0 });
  const absent = createQueuePersistence(() => { throw new Error('no storage'); }, () => 0, silentLogger);
  assert.deepEqual(absent.load(0), { batches: [], droppedEvents: 0 });
});
