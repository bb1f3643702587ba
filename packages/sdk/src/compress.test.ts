/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { canGzip, gzipText, utf8ByteLength } from './compress.js';

test('gzips with CompressionStream into bytes zlib can read back', async () => {
  assert.ok(canGzip(), 'Node 20 has CompressionStream');
  const text = JSON.stringify({ events: Array.from({ length: 200 }, (_, i) => ({ type: 3, i, note: 'héllo ✓' })) });
  const gzipped = new Uint8Array(await gzipText([text.slice(0, 100), text.slice(100)]));
  assert.deepEqual([gzipped[0], gzipped[1]], [0x1f, 0x8b]);
  assert.ok(gzipped.length < text.length / 4, `${gzipped.length} vs ${text.length}`);
  assert.equal(gunzipSync(gzipped).toString('utf8'), text);
});

test('measures UTF-8 bytes, not UTF-16 code units', () => {
  assert.equal(utf8ByteLength('abc'), 3);
  assert.equal(utf8ByteLength('é'), 2);
  assert.equal(utf8ByteLength('✓'), 3);
});
