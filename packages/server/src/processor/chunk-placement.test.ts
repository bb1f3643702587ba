import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { chunkIndexFor, chunksToLoad, placeEvents, type PlacementChunk } from './chunk-placement.js';

const meta = (t: number, href = 'https://a.test/'): RrwebEvent => ({ type: EventType.Meta, timestamp: t, data: { href, width: 800, height: 600 } });
const full = (t: number): RrwebEvent => ({ type: EventType.FullSnapshot, timestamp: t, data: { node: {}, initialOffset: { top: 0, left: 0 } } });
const inc = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 1, positions: [] } });
const times = (c: PlacementChunk) => c.events!.map((e) => `${e.type}@${e.timestamp}`);

test('the first batch opens chunk 0 with its meta and snapshot', () => {
  const chunks: PlacementChunk[] = [];
  placeEvents(chunks, [meta(100), full(100), inc(150)]);
  assert.equal(chunks.length, 1);
  assert.deepEqual(times(chunks[0]), ['4@100', '2@100', '3@150']);
  assert.equal(chunks[0].hasFullSnapshot, true);
  assert.equal(chunks[0].start, 100);
});

test('a checkout cuts a new chunk that starts with its meta and full snapshot', () => {
  const chunks: PlacementChunk[] = [];
  placeEvents(chunks, [meta(100), full(100), inc(150)]);
  placeEvents(chunks, [inc(60_000), meta(60_100), full(60_101), inc(60_200)]);
  assert.equal(chunks.length, 2);
  assert.deepEqual(times(chunks[0]), ['4@100', '2@100', '3@150', '3@60000']);
  assert.deepEqual(times(chunks[1]), ['4@60100', '2@60101', '3@60200']);
  assert.equal(chunks[1].index, 1);
  assert.equal(chunks[1].start, 60_100);
});

test('a meta that ended the previous batch moves with the snapshot of the next one', () => {
  const chunks: PlacementChunk[] = [];
  placeEvents(chunks, [meta(100), full(100), inc(150), meta(5_000, 'https://a.test/page2')]);
  placeEvents(chunks, [full(5_001), inc(5_100)]);
  assert.equal(chunks.length, 2);
  assert.deepEqual(times(chunks[0]), ['4@100', '2@100', '3@150']);
  assert.deepEqual(times(chunks[1]), ['4@5000', '2@5001', '3@5100']);
});

test('late events land in the chunk whose time range holds them', () => {
  const chunks: PlacementChunk[] = [];
  placeEvents(chunks, [meta(100), full(100)]);
  placeEvents(chunks, [meta(60_000), full(60_000), inc(60_500)]);
  for (const c of chunks) c.touched = false;
  placeEvents(chunks, [inc(30_000), inc(61_000)]);
  assert.deepEqual(times(chunks[0]), ['4@100', '2@100', '3@30000']);
  assert.deepEqual(times(chunks[1]), ['4@60000', '2@60000', '3@60500', '3@61000']);
  assert.equal(chunks[0].touched, true);
});

test('chunkIndexFor and chunksToLoad find the chunks a batch needs', () => {
  const chunks: PlacementChunk[] = [
    { index: 0, start: 0, hasFullSnapshot: true, events: undefined },
    { index: 1, start: 100, hasFullSnapshot: true, events: undefined },
    { index: 2, start: 200, hasFullSnapshot: true, events: [] },
  ];
  assert.equal(chunkIndexFor(chunks, -5), 0);
  assert.equal(chunkIndexFor(chunks, 99), 0);
  assert.equal(chunkIndexFor(chunks, 100), 1);
  assert.equal(chunkIndexFor(chunks, 10_000), 2);
  assert.deepEqual(chunksToLoad(chunks, [inc(250), inc(150)]), [1]);
  assert.throws(() => placeEvents(chunks, [inc(50)]), /must be loaded/);
});

test('a snapshot out of order (older than the open chunk) joins its time range instead of cutting', () => {
  const chunks: PlacementChunk[] = [];
  placeEvents(chunks, [meta(100), full(100)]);
  placeEvents(chunks, [meta(60_000), full(60_000)]);
  placeEvents(chunks, [full(30_000)]);
  assert.equal(chunks.length, 2);
  assert.deepEqual(times(chunks[0]), ['4@100', '2@100', '2@30000']);
});
