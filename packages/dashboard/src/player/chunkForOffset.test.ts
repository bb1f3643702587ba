import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChunkMeta } from '@gosight/shared';
import { chunkForOffset } from './chunkForOffset.js';

const chunk = (index: number, timestampStart: number, timestampEnd: number): ChunkMeta => ({
  index,
  timestampStart,
  timestampEnd,
  dataSize: 100,
  compressedSize: 50,
  eventCount: 10,
  hasFullSnapshot: true,
  hasErrors: false,
  hasNetwork: false,
});

const START = 1_700_000_000_000;
const chunks = [chunk(0, START, START + 9_000), chunk(1, START + 10_000, START + 19_500), chunk(2, START + 20_000, START + 25_000)];

test('maps offsets inside a chunk to that chunk', () => {
  assert.equal(chunkForOffset(chunks, START, 0), 0);
  assert.equal(chunkForOffset(chunks, START, 4_000), 0);
  assert.equal(chunkForOffset(chunks, START, 15_000), 1);
  assert.equal(chunkForOffset(chunks, START, 24_999), 2);
});

test('a chunk owns the instant it starts at', () => {
  assert.equal(chunkForOffset(chunks, START, 10_000), 1);
  assert.equal(chunkForOffset(chunks, START, 20_000), 2);
});

test('an instant in a gap belongs to the chunk before it', () => {
  assert.equal(chunkForOffset(chunks, START, 9_500), 0);
  assert.equal(chunkForOffset(chunks, START, 19_800), 1);
});

test('clamps to the first and last chunk outside the recorded range', () => {
  assert.equal(chunkForOffset(chunks, START, -1_000), 0);
  assert.equal(chunkForOffset(chunks, START, 60_000), 2);
});

test('does not depend on the order the manifest lists chunks in', () => {
  const shuffled = [chunks[2], chunks[0], chunks[1]];
  assert.equal(chunkForOffset(shuffled, START, 12_000), 1);
  assert.equal(chunkForOffset(shuffled, START, -5), 0);
});

test('answers 0 for a manifest without chunks', () => {
  assert.equal(chunkForOffset([], START, 5_000), 0);
});
