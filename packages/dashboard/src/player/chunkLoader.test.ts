import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChunkMeta, RrwebEvent } from '@gosight/shared';
import { createChunkLoader, type ChunkLoaderOptions } from './chunkLoader.js';

const meta = (index: number): ChunkMeta => ({
  index,
  timestampStart: index * 1_000,
  timestampEnd: index * 1_000 + 900,
  dataSize: 10,
  compressedSize: 5,
  eventCount: 1,
  hasFullSnapshot: true,
  hasErrors: false,
  hasNetwork: false,
});

const eventsOf = (index: number): RrwebEvent[] => [{ type: 3, data: { chunk: index }, timestamp: index * 1_000 }];

/** A fetch whose answers the test releases one by one, in any order. */
function controllableFetch() {
  const pending = new Map<number, { resolve: (events: RrwebEvent[]) => void; reject: (error: Error) => void }>();
  const requested: number[] = [];
  const fetchChunk = (index: number) =>
    new Promise<RrwebEvent[]>((resolve, reject) => {
      requested.push(index);
      pending.set(index, { resolve, reject });
    });
  const answer = (index: number) => pending.get(index)?.resolve(eventsOf(index));
  const failWith = (index: number, message: string) => pending.get(index)?.reject(new Error(message));
  return { fetchChunk, requested, answer, failWith };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function loaderWith(overrides: Partial<ChunkLoaderOptions> & Pick<ChunkLoaderOptions, 'fetchChunk'>) {
  const delivered: number[] = [];
  const errors: Array<[number, string]> = [];
  const loader = createChunkLoader({
    chunks: [meta(0), meta(1), meta(2), meta(3)],
    onChunk: (index, events) => {
      assert.deepEqual(events, eventsOf(index));
      delivered.push(index);
    },
    onError: (index, error) => errors.push([index, (error as Error).message]),
    concurrency: 2,
    retries: 0,
    retryDelayMs: 0,
    sleep: () => Promise.resolve(),
    ...overrides,
  });
  return { loader, delivered, errors };
}

test('delivers chunks in index order even when later ones arrive first', async () => {
  const fake = controllableFetch();
  const { loader, delivered } = loaderWith({ fetchChunk: fake.fetchChunk });
  loader.start();
  assert.deepEqual(fake.requested, [0, 1]);

  fake.answer(1);
  await flush();
  assert.deepEqual(delivered, [], 'chunk 1 waits for chunk 0');
  assert.equal(loader.loadedCount(), 0);

  fake.answer(0);
  await flush();
  assert.deepEqual(delivered, [0, 1]);
  assert.deepEqual(fake.requested, [0, 1, 2, 3]);

  fake.answer(3);
  fake.answer(2);
  await flush();
  assert.deepEqual(delivered, [0, 1, 2, 3]);
  assert.equal(loader.isComplete(), true);
});

test('sorts a manifest listed out of order and never runs more than `concurrency` ahead', async () => {
  const fake = controllableFetch();
  const { loader, delivered } = loaderWith({
    fetchChunk: fake.fetchChunk,
    chunks: [meta(2), meta(0), meta(3), meta(1)],
    concurrency: 1,
  });
  loader.start();
  loader.start();
  assert.deepEqual(fake.requested, [0]);
  fake.answer(0);
  await flush();
  assert.deepEqual(fake.requested, [0, 1]);
  fake.answer(1);
  await flush();
  fake.answer(2);
  await flush();
  fake.answer(3);
  await flush();
  assert.deepEqual(delivered, [0, 1, 2, 3]);
});

test('whenLoaded resolves only after that chunk and all earlier ones were delivered', async () => {
  const fake = controllableFetch();
  const { loader, delivered } = loaderWith({ fetchChunk: fake.fetchChunk });
  const seen: string[] = [];
  const second = loader.whenLoaded(1).then(() => seen.push(`1 after ${delivered.join(',')}`));
  loader.start();
  fake.answer(1);
  await flush();
  assert.deepEqual(seen, []);
  fake.answer(0);
  await second;
  assert.deepEqual(seen, ['1 after 0,1']);
  await loader.whenLoaded(0);
});

test('retries a failed fetch before giving up', async () => {
  let calls = 0;
  const sleeps: number[] = [];
  const { loader, delivered, errors } = loaderWith({
    chunks: [meta(0)],
    retries: 2,
    retryDelayMs: 100,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    fetchChunk: async (index) => {
      calls += 1;
      if (calls < 3) throw new Error('flaky');
      return eventsOf(index);
    },
  });
  loader.start();
  await loader.whenLoaded(0);
  assert.equal(calls, 3);
  assert.deepEqual(sleeps, [100, 200]);
  assert.deepEqual(delivered, [0]);
  assert.deepEqual(errors, []);
});

test('a chunk that keeps failing stops delivery there but keeps the earlier chunks', async () => {
  const fake = controllableFetch();
  const { loader, delivered, errors } = loaderWith({ fetchChunk: fake.fetchChunk });
  loader.start();
  const third = loader.whenLoaded(2);
  fake.failWith(1, 'HTTP 500');
  await assert.rejects(third, /HTTP 500/);
  assert.deepEqual(errors, [[1, 'HTTP 500']]);
  assert.deepEqual(fake.requested, [0, 1], 'nothing past the failed chunk is requested');

  fake.answer(0);
  await loader.whenLoaded(0);
  assert.deepEqual(delivered, [0]);
  await assert.rejects(loader.whenLoaded(1), /HTTP 500/);
  assert.equal(loader.isComplete(), false);
});

test('abort rejects pending waiters and drops late answers', async () => {
  const fake = controllableFetch();
  const { loader, delivered } = loaderWith({ fetchChunk: fake.fetchChunk });
  loader.start();
  const first = loader.whenLoaded(0);
  loader.abort();
  await assert.rejects(first, /stopped/);
  fake.answer(0);
  await flush();
  assert.deepEqual(delivered, []);
  await assert.rejects(loader.whenLoaded(0), /stopped/);
});

test('an empty manifest is complete at once', async () => {
  const { loader } = loaderWith({ chunks: [], fetchChunk: () => Promise.reject(new Error('unused')) });
  loader.start();
  assert.equal(loader.isComplete(), true);
  await loader.whenLoaded(0);
});
