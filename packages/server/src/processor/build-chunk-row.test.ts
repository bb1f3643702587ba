import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, type RrwebEvent } from '@gosight/shared';
import type { ChunkState } from '../store/index.js';
import { chunkGzip } from '../store/replay-assembly.js';
import type { IndexedEvent } from '../store/event-index.js';
import { buildChunkRow, encodeChunk, resumedEncoding, type ChunkEncoding } from './build-chunk-row.js';
import { deriveChunkEvents, type ChunkDeriver } from './derive-events.js';
import { EventTexts } from './event-texts.js';
import { indexEntries } from './index-entries.js';
import { SessionState, type LiveChunk } from './session-state.js';

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

test('a chunk written at each flush derives only what was added, and ends exactly where deriving it whole does', async () => {
  const el = (id: number, tagName: string, attributes: Record<string, string>, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes, childNodes });
  const page = { type: 0, id: 1, childNodes: [el(2, 'html', {}, [el(3, 'body', {}, [el(4, 'button', { id: 'pay' }, [{ type: 3, id: 5, textContent: 'Pay now' }])])])] };
  const at = (t: number, data: Record<string, unknown>, type: number = EventType.IncrementalSnapshot): RrwebEvent => ({ type, timestamp: T + t, data });
  const click = (t: number, id: number, x = 10) => at(t, { source: 2, type: 2, id, x, y: 20 });
  const flushes: RrwebEvent[][] = [
    [at(0, { href: 'https://shop.test/', width: 1000, height: 700 }, EventType.Meta), at(1, { node: page, initialOffset: { left: 0, top: 0 } }, EventType.FullSnapshot), click(100, 4)],
    // A button added later is named from the mutation; an error is logged.
    [at(200, { source: 0, adds: [{ parentId: 3, node: el(6, 'button', { class: 'coupon' }, [{ type: 3, id: 7, textContent: 'Apply coupon' }]) }], removes: [], texts: [], attributes: [] }),
      click(300, 6), at(310, { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"coupon expired"'], trace: [] } }, EventType.Plugin)],
    // Three quick clicks: a rage click across writes; then a dead click, judged once 2.5 s have passed.
    [click(400, 6), click(500, 6), click(600, 6), click(700, 4, 500)],
    [at(4_000, { source: 1, positions: [] }), at(4_100, { source: 5, id: 6, text: '*', isChecked: false })],
    // Late: earlier than what was derived, so the chunk is derived again whole.
    [click(350, 4), at(5_000, { source: 1, positions: [] })],
  ];
  const session = new SessionState('p', 's', []);
  const events: RrwebEvent[] = [];
  const chunk: LiveChunk = { ...chunkOf(events), stored: undefined };
  session.chunks.push(chunk);
  const index = new Map<string, IndexedEvent>();
  const derivers: ChunkDeriver[] = [];
  for (const [i, batch] of flushes.entries()) {
    events.push(...batch);
    const row = await buildChunkRow(session, chunk, 6, i + 1, nextId, new EventTexts());
    for (const key of row.indexChange.removedKeys) index.delete(key);
    for (const entry of row.indexChange.upserts) index.set(entry.key, entry);
    chunk.indexed = chunk.indexing;
    derivers.push(chunk.derivation!.deriver);
    const whole = deriveChunkEvents([...events].sort((a, b) => a.timestamp - b.timestamp), { chunkIndex: 0, previousUrl: '', following: undefined });
    assert.deepEqual(row.derivedEvents, whole.events, `write ${i + 1}: the derived events`);
    assert.deepEqual(row.activity, whole.activity, `write ${i + 1}: the activity`);
    assert.deepEqual(new Map([...index].sort()), new Map(indexEntries(whole, '').map(({ entry }) => [entry.key, entry] as const).sort()), `write ${i + 1}: the index rows`);
  }
  assert.deepEqual(derivers.map((d) => d === derivers[0]), [true, true, true, true, false], 'carried on from write to write until the late event');
  const kinds = (derivers[3].result(undefined).events).map((e) => e.kind);
  assert.ok(kinds.includes('rage_click') && kinds.includes('dead_click') && kinds.includes('error'), kinds.join());
  assert.match(JSON.stringify(derivers[3].result(undefined).events), /Click on .*Apply coupon/);
});
