import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { encodeChunk } from './build-chunk-row.js';
import type { LiveChunk } from './session-state.js';

const T = 1_700_000_000_000;
const ev = (t: number, text = `mutation ${t}`): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 0, texts: [{ id: t, value: text }] } });
const chunkOf = (events: RrwebEvent[]): LiveChunk => ({ index: 0, start: T, hasFullSnapshot: true, events, stored: undefined, batchSeqs: new Set(), dirtySince: 0, bytes: 0 });
const sortedOf = (chunk: LiveChunk) => [...chunk.events!].sort((a, b) => a.timestamp - b.timestamp);
const sortedJson = (events: RrwebEvent[]) => JSON.stringify([...events].sort((a, b) => a.timestamp - b.timestamp));

test('an open chunk written at each flush: each write compresses only what was added, and inflates to the sorted chunk', async () => {
  const chunk = chunkOf([ev(0), ev(1)]);
  const first = await encodeChunk(chunk, sortedOf(chunk), 6);
  assert.equal(gunzipSync(first.data).toString(), sortedJson(chunk.events!));
  assert.equal(first.jsonBytes, Buffer.byteLength(sortedJson(chunk.events!)));
  for (let flush = 1; flush <= 5; flush++) {
    chunk.events!.push(ev(flush * 10), ev(flush * 10 + 1, 'ünïcödé ✓'));
    const out = await encodeChunk(chunk, sortedOf(chunk), 6);
    assert.equal(gunzipSync(out.data).toString(), sortedJson(chunk.events!));
    assert.equal(out.jsonBytes, Buffer.byteLength(sortedJson(chunk.events!)));
  }
  assert.equal(chunk.encoding!.parts.length, 6, 'one part per write');
  const unchanged = await encodeChunk(chunk, sortedOf(chunk), 6);
  assert.equal(chunk.encoding!.parts.length, 6, 'nothing new, no new part');
  assert.equal(gunzipSync(unchanged.data).toString(), sortedJson(chunk.events!));
});

test('a late event, events moved out, or a chunk loaded again: the chunk is compressed whole again, sorted', async () => {
  const chunk = chunkOf([ev(0), ev(5)]);
  await encodeChunk(chunk, sortedOf(chunk), 6);
  chunk.events!.push(ev(3)); // older than one already written
  assert.equal(gunzipSync((await encodeChunk(chunk, sortedOf(chunk), 6)).data).toString(), sortedJson(chunk.events!));
  assert.equal(chunk.encoding!.parts.length, 1, 'compressed whole again');

  chunk.events!.push(ev(7));
  await encodeChunk(chunk, sortedOf(chunk), 6);
  chunk.events!.pop(); // a Meta moving on to the next chunk takes the tail
  chunk.events!.push(ev(8));
  assert.equal(gunzipSync((await encodeChunk(chunk, sortedOf(chunk), 6)).data).toString(), sortedJson(chunk.events!));

  chunk.events = JSON.parse(JSON.stringify(chunk.events)) as RrwebEvent[]; // loaded again from the store
  chunk.events.push(ev(9));
  assert.equal(gunzipSync((await encodeChunk(chunk, sortedOf(chunk), 6)).data).toString(), sortedJson(chunk.events));
  assert.equal(chunk.encoding!.parts.length, 1);
});

test('written in parts, a chunk is about as small as gzipped whole', async () => {
  const chunk = chunkOf([]);
  for (let flush = 0; flush < 30; flush++) {
    chunk.events!.push(...Array.from({ length: 20 }, (_, i) => ev(flush * 100 + i)));
    await encodeChunk(chunk, sortedOf(chunk), 6);
  }
  const { data } = await encodeChunk(chunk, sortedOf(chunk), 6);
  const whole = gzipSync(sortedJson(chunk.events!), { level: 6 });
  assert.ok(data.length < whole.length * 1.15, `${data.length} bytes in parts, ${whole.length} whole`);
});
