import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { createChunkCache } from './chunkCache.js';

const eventsOf = (index: number): RrwebEvent[] => [{ type: 4, data: { index }, timestamp: index * 1000 }];
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(capacity = 3, failures: Record<number, number> = {}) {
  const requested: number[] = [];
  const answers = new Map<number, () => void>();
  let changes = 0;
  const cache = createChunkCache({
    capacity,
    retries: 1,
    retryDelayMs: 0,
    sleep: () => Promise.resolve(),
    onChange: () => (changes += 1),
    fetchChunk: (index) =>
      new Promise((resolve, reject) => {
        requested.push(index);
        answers.set(index, () => {
          if ((failures[index] ?? 0) > 0) {
            failures[index] -= 1;
            reject(new Error(`HTTP 500 for ${index}`));
          } else resolve(eventsOf(index));
        });
      }),
  });
  const answer = async (index: number) => {
    answers.get(index)?.();
    await flush();
  };
  return { cache, requested, answer, changes: () => changes };
}

test('fetches a chunk once however many ask, then serves it from memory', async () => {
  const { cache, requested, answer } = setup();
  const a = cache.get(4);
  const b = cache.get(4);
  cache.prefetch(4);
  await answer(4);
  assert.deepEqual(await a, eventsOf(4));
  assert.equal(await b, await a);
  assert.deepEqual(await cache.get(4), eventsOf(4));
  assert.deepEqual(requested, [4]);
  assert.equal(cache.fetchCount(), 1);
  assert.deepEqual(cache.peek(4), eventsOf(4));
  assert.equal(cache.peek(5), undefined);
});

test('drops the least recently used chunk past capacity, never a pinned one', async () => {
  const { cache, answer, changes } = setup(2);
  for (const index of [0, 1]) {
    const got = cache.get(index);
    await answer(index);
    await got;
  }
  cache.pin([0]);
  cache.peek(1); // 1 is now more recently used than 0, but 0 is pinned
  const third = cache.get(2);
  await answer(2);
  await third;
  assert.deepEqual(cache.held(), [0, 2]);

  cache.pin([0, 2]);
  const fourth = cache.get(3);
  await answer(3);
  await fourth;
  assert.deepEqual(cache.held(), [0, 2, 3], 'pinned chunks may exceed capacity');

  const before = changes();
  cache.pin([3]);
  assert.deepEqual(cache.held(), [2, 3], 'unpinning trims the oldest');
  assert.equal(changes(), before + 1);
});

test('a dropped chunk is fetched again when needed', async () => {
  const { cache, requested, answer } = setup(1);
  const first = cache.get(0);
  await answer(0);
  await first;
  const second = cache.get(1);
  await answer(1);
  await second;
  assert.deepEqual(cache.held(), [1]);
  const again = cache.get(0);
  await answer(0);
  await again;
  assert.deepEqual(requested, [0, 1, 0]);
});

test('retries a failed fetch, and a chunk that keeps failing can be asked for again later', async () => {
  const failures = { 1: 1, 2: 5 };
  const { cache, requested, answer } = setup(3, failures);
  const retried = cache.get(1);
  await answer(1);
  await answer(1);
  assert.deepEqual(await retried, eventsOf(1));

  const failing = assert.rejects(cache.get(2), /HTTP 500 for 2/);
  await answer(2);
  await answer(2);
  await failing;
  failures[2] = 0;
  const later = cache.get(2);
  await answer(2);
  assert.deepEqual(await later, eventsOf(2));
  assert.deepEqual(requested, [1, 1, 2, 2, 2]);
});

test('abort rejects pending and later requests and forgets what it held', async () => {
  const { cache, answer } = setup();
  const held = cache.get(0);
  await answer(0);
  await held;
  const pending = assert.rejects(cache.get(1), /stopped/);
  cache.abort();
  await answer(1);
  await pending;
  await assert.rejects(cache.get(0), /stopped/);
  assert.deepEqual(cache.held(), []);
});
