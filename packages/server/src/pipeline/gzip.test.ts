import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { compressChunk, decompressChunk } from './gzip.js';

test('chunk compression round-trips byte-exact at every level', async () => {
  const json = Buffer.from(JSON.stringify([{ type: 2, data: { text: 'h\u00e9llo \u0000 \ud83d\ude00', bin: randomBytes(64).toString('base64') }, timestamp: 1 }]));
  for (let level = 1; level <= 9; level++) {
    const gz = await compressChunk(json, level);
    assert.equal(gz[0], 0x1f, 'gzip magic');
    assert.equal(gz[1], 0x8b, 'gzip magic');
    assert.ok((await decompressChunk(gz)).equals(json), `level ${level}`);
  }
});

test('a higher level gives smaller output on repetitive event JSON', async () => {
  const json = Buffer.from(JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ type: 3, timestamp: i, data: { source: 1, positions: [{ x: i % 50, y: 7, id: 4, timeOffset: 0 }] } }))));
  const fast = await compressChunk(json, 1);
  const small = await compressChunk(json, 9);
  assert.ok(small.length < fast.length, `${small.length} < ${fast.length}`);
  assert.ok(fast.length < json.length / 5);
});

test('decompression stops at the output cap', async () => {
  const bomb = await compressChunk(Buffer.alloc(5_000_000), 9);
  await assert.rejects(decompressChunk(bomb, 1_000_000), RangeError);
});
