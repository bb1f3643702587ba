import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, type RrwebEvent, type SessionSearch } from '@gosight/shared';
import { FileQueue } from '../queue/index.js';
import { ClickHouseChunkStore, createClickHouseClient, MemoryDeadLetterStore } from '../store/index.js';
import { encodeEnvelope } from '../pipeline/envelope.js';
import { silentLogger, tempDir, until } from '../../testing/test-support.js';
import { ReplayProcessor } from './replay-processor.js';

const logger = silentLogger();
const store = new ClickHouseChunkStore(createClickHouseClient({ url: undefined, dataDir: tempDir('proc-chdb') }), 'gosight_proc');
await store.migrate();
after(() => store.close());

const config = {
  chunkGzipLevel: 6, processorFlushIntervalMs: 30, openChunkFlushMs: 60, sessionIdleMs: 60_000, maxDecompressedBytes: 1 << 24,
  maxChunkBytes: 1 << 26,
};
const deadLetters = new MemoryDeadLetterStore();
const T = Date.now() - 10 * 60_000;
const meta = (t: number, href: string): RrwebEvent => ({ type: EventType.Meta, timestamp: t, data: { href, width: 1024, height: 700 } });
const full = (t: number): RrwebEvent => ({ type: EventType.FullSnapshot, timestamp: t, data: { node: { id: 1 }, initialOffset: { top: 0, left: 0 } } });
const click = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 2, type: 2, id: 5, x: 1, y: 2 } });
const move = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 1, positions: [] } });
const consoleError = (t: number): RrwebEvent => ({ type: EventType.Plugin, timestamp: t, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"boom"'], trace: [] } } });

function publish(queue: FileQueue, sessionId: string, seq: number, events: RrwebEvent[], gzip = true) {
  const body = Buffer.from(JSON.stringify({ sessionId, seq, events }));
  const header = { v: 1 as const, projectId: 'p', sessionId, seq, receivedAt: Date.now(), userAgent: 'UA/1', encoding: gzip ? 'gzip' as const : 'identity' as const };
  return queue.publish(sessionId, encodeEnvelope(header, gzip ? gzipSync(body) : body));
}

async function chunkEvents(sessionId: string, index: number): Promise<RrwebEvent[]> {
  const gz = await store.getChunkData('p', sessionId, index);
  assert.ok(gz, `chunk ${index} stored`);
  return JSON.parse(gunzipSync(gz).toString()) as RrwebEvent[];
}


test('batches become chunks cut at full snapshots, duplicates dropped, summary derived', async (t) => {
  const queue = await FileQueue.open({ dir: tempDir('proc-q'), segmentBytes: 1 << 20, logger });
  const processor = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await processor.start();
  // Stop even when an assertion fails, or the open queue keeps the test process alive.
  t.after(async () => { await processor.stop(); await queue.close(); });
  const sid = randomUUID();
  await publish(queue, sid, 0, [meta(T, 'https://shop.test/'), full(T + 1), click(T + 100)]);
  await publish(queue, sid, 1, [move(T + 200), consoleError(T + 300), click(T + 400)], false);
  await publish(queue, sid, 1, [move(T + 200), consoleError(T + 300), click(T + 400)]); // redelivered
  await publish(queue, sid, 2, [move(T + 60_000), meta(T + 60_001, 'https://shop.test/cart'), full(T + 60_002)]);
  await publish(queue, sid, 3, [click(T + 61_000), { type: EventType.Custom, timestamp: T + 61_500, data: { tag: '$identify', payload: { userId: 'user-42', traits: { plan: 'pro' } } } }]);

  const manifest = await until('two chunks with all events', async () => {
    const m = await store.getManifest('p', sid);
    return m && m.chunks.length === 2 && m.chunks[1].eventCount === 4 ? m : undefined;
  });
  assert.deepEqual(manifest.chunks.map((c) => c.index), [0, 1]);
  assert.equal(manifest.startedAt, T);
  assert.equal(manifest.endedAt, T + 61_500);
  assert.equal(manifest.chunks[0].hasErrors, true);
  assert.equal(manifest.chunks[1].hasErrors, false);

  const c0 = await chunkEvents(sid, 0);
  assert.deepEqual(c0.map((e) => e.timestamp - T), [0, 1, 100, 200, 300, 400, 60_000]);
  const c1 = await chunkEvents(sid, 1);
  assert.deepEqual(c1.map((e) => e.type), [EventType.Meta, EventType.FullSnapshot, EventType.IncrementalSnapshot, EventType.Custom]);
  assert.equal(manifest.chunks[0].compressedSize, (await store.getChunkData('p', sid, 0))!.length);

  const { sessions } = await until('summary', async () => {
    const list = await store.listSessions('p', { limit: 10, offset: 0 });
    const s = list.sessions.find((x) => x.sessionId === sid);
    return s && s.chunkCount === 2 && s.eventCount === 11 ? list : undefined;
  });
  const summary = sessions.find((x) => x.sessionId === sid)!;
  assert.equal(summary.clickCount, 3);
  assert.equal(summary.errorCount, 1);
  assert.equal(summary.pageCount, 2);
  assert.equal(summary.firstUrl, 'https://shop.test/');
  assert.equal(summary.userAgent, 'UA/1');
  assert.equal(summary.userId, 'user-42', 'identify() sets the session user');
  assert.equal(summary.viewportWidth, 1024);
  assert.equal(summary.durationMs, 61_500);
  assert.equal(processor.stats.duplicates, 1);

  const found = async (q: SessionSearch) => (await store.listSessions('p', { limit: 10, offset: 0, ...q })).sessions.filter((x) => x.sessionId === sid);
  assert.equal((await found({ error: 'boom' })).length, 1, 'the index holds the chunks\' moments');
  assert.deepEqual((await found({ userId: 'user-42', visited: ['/cart'] }))[0].matches?.map((m) => [m.filter, m.timestamp - T, m.chunkIndex]),
    [['visited', 60_001, 1], ['userId', 61_500, 1]]);
  assert.equal((await found({ error: 'nothing like this' })).length, 0);

  const derived = await store.getSessionEvents('p', sid);
  assert.ok(derived);
  assert.deepEqual(derived.events.filter((e) => e.kind !== 'dead_click').map((e) => `${e.kind}@${e.timestamp - T}`), [
    'page_view@0', 'click@100', 'error@300', 'click@400', 'page_view@60001', 'click@61000',
  ]);
  assert.ok(derived.events.every((e) => e.chunkIndex === (e.timestamp - T < 60_001 ? 0 : 1)), 'each event names its chunk');
  assert.deepEqual(derived.inactiveRanges, [{ start: T + 400, end: T + 60_001 }]);
});

test('a restarted processor resumes an open chunk from the store and drops replays of old batches', async () => {
  const qdir = tempDir('proc-q2');
  const sid = randomUUID();
  let queue = await FileQueue.open({ dir: qdir, segmentBytes: 1 << 20, logger });
  let processor = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await processor.start();
  await publish(queue, sid, 0, [meta(T, 'https://a.test/'), full(T + 1), click(T + 10)]);
  await until('first chunk', async () => ((await store.getManifest('p', sid))?.chunks[0].eventCount === 3 ? true : undefined));
  await processor.stop();
  await queue.close();

  queue = await FileQueue.open({ dir: qdir, segmentBytes: 1 << 20, logger });
  processor = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await processor.start();
  await publish(queue, sid, 0, [meta(T, 'https://a.test/'), full(T + 1), click(T + 10)]); // SDK retry of an acked batch
  await publish(queue, sid, 1, [click(T + 20), move(T + 30)]);
  await until('resumed chunk', async () => ((await store.getManifest('p', sid))?.chunks[0].eventCount === 5 ? true : undefined));
  const events = await chunkEvents(sid, 0);
  assert.deepEqual(events.map((e) => e.timestamp - T), [0, 1, 10, 20, 30]);
  assert.equal((await store.getManifest('p', sid))!.chunks.length, 1);
  await processor.stop();
  await queue.close();
});

test('the queue is committed only past messages whose chunks are stored', async () => {
  const qdir = tempDir('proc-q3');
  const sid = randomUUID();
  const queue = await FileQueue.open({ dir: qdir, segmentBytes: 1 << 20, logger });
  // An open chunk waits a long time before it is written: nothing may be committed meanwhile.
  const slow = new ReplayProcessor({ queue, store, deadLetters, logger, config: { ...config, openChunkFlushMs: 60_000 } });
  await slow.start();
  await publish(queue, sid, 0, [meta(T, 'https://a.test/'), full(T + 1)]);
  await until('batch handled', async () => (slow.stats.batches === 1 ? true : undefined));
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(await store.getManifest('p', sid), undefined, 'open chunk not written yet');
  // Simulate a crash: drop the processor without stop(); a new one must see the batch again.
  const crashedSub = (slow as unknown as { subscription: { stop(): Promise<void> } }).subscription;
  clearInterval((slow as unknown as { timer: NodeJS.Timeout }).timer);
  await crashedSub.stop();
  const fresh = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await fresh.start();
  await until('redelivered and stored', async () => ((await store.getManifest('p', sid))?.chunks[0].eventCount === 2 ? true : undefined));
  await fresh.stop();
  await queue.close();
});

test('an erased session: what the processor holds is forgotten and deleted, and its later batches are dropped', async (t) => {
  const queue = await FileQueue.open({ dir: tempDir('proc-q-erased'), segmentBytes: 1 << 20, logger });
  const processor = new ReplayProcessor({ queue, store, deadLetters, logger, config: { ...config, sessionIdleMs: 600_000 } });
  await processor.start();
  t.after(async () => { await processor.stop(); await queue.close(); });
  const [erased, other] = [randomUUID(), randomUUID()];
  await publish(queue, erased, 0, [meta(T, 'https://shop.test/'), full(T + 1), click(T + 100)]);
  await publish(queue, other, 0, [meta(T, 'https://shop.test/'), full(T + 1)]);
  await until('both stored', async () => ((await store.getManifest('p', erased)) && (await store.getManifest('p', other)) ? true : undefined));

  // What the eraser does: tombstone, then delete the rows. The processor still holds the session.
  await store.markErased({ projectId: 'p', sessionId: erased, erasedAt: Date.now() });
  await store.deleteSession('p', erased);
  // A batch may reach the session still held (placed, then forgotten at the flush) ...
  await publish(queue, erased, 1, [click(T + 200)]);
  // Tombstones are read at flushes, at most once a second.
  await until('a flush has read the tombstone and forgotten the session', async () => {
    await processor.flush(false);
    return processor.liveSessions === 1 ? true : undefined;
  });
  // ... and once the flush has read the tombstone, the next is dropped unread.
  await publish(queue, erased, 2, [click(T + 300)]);
  await publish(queue, other, 1, [click(T + 200)]);
  await until('the other session goes on', async () => ((await store.getChunkStates('p', other))[0]?.eventCount === 3 ? true : undefined));
  await until('the erased batch was dropped', async () => (processor.stats.erased >= 1 ? true : undefined));
  await processor.flush(true);
  assert.equal(await store.getManifest('p', erased), undefined, 'nothing of the erased session is written again');
  assert.deepEqual(await store.getChunkStates('p', erased), []);
});

test('a chunk grows by one segment per write, and a processor that resumes it from the store appends to it', async (t) => {
  const queue = await FileQueue.open({ dir: tempDir('proc-q-segments'), segmentBytes: 1 << 20, logger });
  const sid = randomUUID();
  const first = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await first.start();
  t.after(() => queue.close());
  await publish(queue, sid, 0, [meta(T, 'https://shop.test/'), full(T + 1)]);
  await until('first write', async () => ((await store.getChunkStates('p', sid))[0]?.eventCount === 2 ? true : undefined));
  await publish(queue, sid, 1, [click(T + 100), move(T + 150)]);
  const [second] = await until('second write', async () => {
    const states = await store.getChunkStates('p', sid);
    return states[0]?.eventCount === 4 ? states : undefined;
  });
  assert.equal(second.segmentIds.length, 2, 'one segment per write');
  await first.stop();

  // Another processor (a restart): it loads the open chunk and appends, rather than writing it again.
  const next = new ReplayProcessor({ queue, store, deadLetters, logger, config });
  await next.start();
  t.after(() => next.stop());
  await publish(queue, sid, 2, [click(T + 50), move(T + 300)]); // one late event, one new
  const [third] = await until('third write', async () => {
    const states = await store.getChunkStates('p', sid);
    return states[0]?.eventCount === 6 ? states : undefined;
  });
  assert.deepEqual(third.segmentIds.slice(0, 2), second.segmentIds, 'earlier segments kept as they are');
  assert.equal(third.segmentIds.length, 3);
  const events = await chunkEvents(sid, 0);
  assert.deepEqual(events.map((e) => e.timestamp - T), [0, 1, 100, 150, 50, 300], 'arrival order: readers sort');
  assert.equal(third.dataSize, Buffer.byteLength(JSON.stringify(events)));
});
