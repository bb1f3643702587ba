import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, type RrwebEvent } from '@gosight/shared';
import type { ChunkState } from '../store/index.js';
import { chunkGzip } from '../store/replay-assembly.js';
import { encodeChunk, resumedEncoding, type ChunkEncoding } from './build-chunk-row.js';
import type { LiveChunk } from './session-state.js';

const T = 1_700_000_000_000;
const ev = (t: number, text = `mutation ${t}`): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 0, texts: [{ id: t, value: text }] } });
const chunkOf = (events: RrwebEvent[]): LiveChunk => ({ index: 0, start: T, hasFullSnapshot: true, events, stored: undefined, batchSeqs: new Set(), dirtySince: 0, bytes: 0 });

/** Segment ids as the processor makes them: increasing. */
let lastId = 0;
const nextId = (above: number) => (lastId = Math.max(lastId, above) + 1);

/** What the store holds of a chunk: every segment ever sent, and the last row's list. */
class StoredSegments {
  readonly bytes = new Map<number, Buffer>();
  keep(encoding: ChunkEncoding): void {
    for (const s of encoding.unsent) this.bytes.set(s.id, s.bytes);
    encoding.unsent = [];
  }
  read(encoding: ChunkEncoding): string {
    const gz = chunkGzip({ dataCrc: encoding.totals!.crc, dataSize: encoding.totals!.rawBytes + 1 }, encoding.segmentIds.map((id) => this.bytes.get(id)!));
    return gunzipSync(gz).toString();
  }
}

test('an open chunk written at each flush: each write compresses only what was added, as one new segment', async () => {
  const chunk = chunkOf([ev(0), ev(1)]);
  const store = new StoredSegments();
  const first = await encodeChunk(chunk, 6, nextId);
  assert.equal(first.unsent.length, 1);
  store.keep(first);
  assert.equal(store.read(first), JSON.stringify(chunk.events));
  for (let flush = 1; flush <= 5; flush++) {
    chunk.events!.push(ev(flush * 10), ev(flush * 10 + 1, 'ünïcödé ✓'));
    const out = await encodeChunk(chunk, 6, nextId);
    assert.equal(out.unsent.length, 1, 'one new segment');
    store.keep(out);
    assert.equal(store.read(out), JSON.stringify(chunk.events));
    assert.equal(out.totals!.rawBytes + 1, Buffer.byteLength(JSON.stringify(chunk.events)));
  }
  assert.equal(chunk.encoding!.segmentIds.length, 6, 'one segment per write');
  const ids = chunk.encoding!.segmentIds;
  assert.deepEqual([...ids].sort((a, b) => a - b), ids, 'ids increase');
  await encodeChunk(chunk, 6, nextId);
  assert.equal(chunk.encoding!.segmentIds.length, 6, 'nothing new, no new segment');
});

test('a write that failed is sent again with the next, and a late event is appended as it came (readers sort)', async () => {
  const chunk = chunkOf([ev(0), ev(5)]);
  const store = new StoredSegments();
  store.keep(await encodeChunk(chunk, 6, nextId));
  chunk.events!.push(ev(3)); // older than one already written
  const failed = await encodeChunk(chunk, 6, nextId); // not kept: the store was down
  chunk.events!.push(ev(7));
  const retried = await encodeChunk(chunk, 6, nextId);
  assert.equal(retried, failed);
  assert.equal(retried.unsent.length, 2, 'the unsent segment, then the new one');
  store.keep(retried);
  assert.equal(store.read(retried), JSON.stringify(chunk.events), 'arrival order');
  assert.equal(retried.segmentIds.length, 3);
});

test('events moved out of the chunk (a Meta going on to the next chunk) start the chunk again from a new first segment', async () => {
  const chunk = chunkOf([ev(0), ev(5)]);
  const store = new StoredSegments();
  store.keep(await encodeChunk(chunk, 6, nextId));
  chunk.events!.push(ev(7));
  store.keep(await encodeChunk(chunk, 6, nextId));
  chunk.events!.pop();
  chunk.events!.push(ev(8));
  const again = await encodeChunk(chunk, 6, nextId);
  assert.equal(again.segmentIds.length, 1);
  store.keep(again);
  assert.equal(store.read(again), JSON.stringify(chunk.events));
});

test('a chunk loaded again from the store is appended to, not written again', async () => {
  const chunk = chunkOf([ev(0), ev(1)]);
  const store = new StoredSegments();
  const first = await encodeChunk(chunk, 6, nextId);
  store.keep(first);
  const json = Buffer.from(store.read(first));
  const stored = { segmentIds: first.segmentIds, compressedSize: 24 + first.segmentBytes, dataCrc: first.totals!.crc } as ChunkState;
  const loaded = JSON.parse(json.toString()) as RrwebEvent[];
  const again = chunkOf(loaded);
  again.encoding = resumedEncoding(loaded, json, stored);
  loaded.push(ev(2));
  const out = await encodeChunk(again, 6, nextId);
  assert.equal(out.segmentIds.length, 2, 'one more segment');
  assert.equal(out.unsent.length, 1);
  store.keep(out);
  assert.equal(store.read(out), JSON.stringify(loaded));
  assert.equal(resumedEncoding(loaded, json, { ...stored, segmentIds: [] }), undefined, 'a chunk stored whole (before segments) is written again');
});

test('written in segments, a chunk is about as small as gzipped whole', async () => {
  const chunk = chunkOf([]);
  for (let flush = 0; flush < 30; flush++) {
    chunk.events!.push(...Array.from({ length: 20 }, (_, i) => ev(flush * 100 + i)));
    await encodeChunk(chunk, 6, nextId);
  }
  const whole = gzipSync(JSON.stringify(chunk.events), { level: 6 });
  const size = 24 + chunk.encoding!.segmentBytes;
  assert.ok(size < whole.length * 1.15, `${size} bytes in segments, ${whole.length} whole`);
});
