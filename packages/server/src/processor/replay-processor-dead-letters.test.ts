import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import { FileQueue } from '../queue/index.js';
import { ClickHouseChunkStore, createClickHouseClient, MemoryDeadLetterStore, type ChunkStore, type StoredChunk } from '../store/index.js';
import { LocalDeadLetterAdmin } from '../deadletters/index.js';
import { encodeEnvelope } from '../pipeline/envelope.js';
import { silentLogger, tempDir, until } from '../../testing/test-support.js';
import { ReplayProcessor, type ProcessorConfig } from './replay-processor.js';

const logger = silentLogger();
const chdb = new ClickHouseChunkStore(createClickHouseClient({ url: undefined, dataDir: tempDir('dl-chdb') }), 'gosight_dl');
await chdb.migrate();
after(() => chdb.close());

const config: ProcessorConfig = {
  chunkGzipLevel: 6, processorFlushIntervalMs: 20, openChunkFlushMs: 40, sessionIdleMs: 60_000, maxDecompressedBytes: 1 << 24,
  maxChunkBytes: 1 << 26,
};
const T = Date.now() - 10 * 60_000;
const meta = (t: number): RrwebEvent => ({ type: EventType.Meta, timestamp: t, data: { href: 'https://shop.test/', width: 1024, height: 700 } });
const full = (t: number): RrwebEvent => ({ type: EventType.FullSnapshot, timestamp: t, data: { node: { id: 1 }, initialOffset: { top: 0, left: 0 } } });
const move = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 1, positions: [] } });

function envelope(sessionId: string, seq: number, body: Buffer, encoding: 'gzip' | 'identity' = 'gzip'): Buffer {
  return encodeEnvelope({ v: 1, projectId: 'p', sessionId, seq, receivedAt: Date.now(), userAgent: 'UA/1', encoding }, encoding === 'gzip' ? gzipSync(body) : body);
}
const batchBody = (sessionId: string, seq: number, events: RrwebEvent[]) => Buffer.from(JSON.stringify({ sessionId, seq, events }));
const publish = (queue: FileQueue, sessionId: string, seq: number, events: RrwebEvent[]) =>
  queue.publish(sessionId, envelope(sessionId, seq, batchBody(sessionId, seq, events)));


const storedEvents = async (sessionId: string): Promise<number> =>
  (await chdb.getManifest('p', sessionId))?.chunks.reduce((n, c) => n + c.eventCount, 0) ?? 0;

async function chunkTimes(sessionId: string): Promise<number[]> {
  const m = await chdb.getManifest('p', sessionId);
  const out: number[] = [];
  for (const c of m?.chunks ?? []) {
    out.push(...(JSON.parse(gunzipSync((await chdb.getChunkData('p', sessionId, c.index))!).toString()) as RrwebEvent[]).map((e) => e.timestamp - T));
  }
  return out;
}

/** The real store, but `writeChunks` can be made to fail: refused for some sessions, or unavailable altogether. */
function flakyStore(inner: ChunkStore) {
  const control = { refuse: new Set<string>(), outage: false, refusedCalls: 0 };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'writeChunks') {
        return async (rows: StoredChunk[]) => {
          if (control.outage) throw new GoSightError('STORE_UNAVAILABLE', 'ClickHouse is unreachable (ECONNREFUSED)');
          if (rows.some((r) => control.refuse.has(r.sessionId))) {
            control.refusedCalls++;
            throw new Error('Code: 27. DB::Exception: Cannot parse input: expected \'"\' before: ...');
          }
          return target.writeChunks(rows);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, control };
}

async function running(t: { after(fn: () => Promise<void>): void }, store: ChunkStore, deadLetters: MemoryDeadLetterStore, over: Partial<ProcessorConfig> = {}) {
  const queue = await FileQueue.open({ dir: tempDir('dl-q'), segmentBytes: 1 << 20, logger });
  const processor = new ReplayProcessor({ queue, store, deadLetters, logger, config: { ...config, ...over } });
  await processor.start();
  t.after(async () => { await processor.stop().catch(() => undefined); await queue.close(); });
  return { queue, processor };
}

test('unreadable and invalid messages are set aside with their bytes; every other session is stored', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { queue, processor } = await running(t, chdb, deadLetters);
  const good = randomUUID();
  const bad = randomUUID();
  const garbage = Buffer.from('not an envelope at all');
  await queue.publish(bad, garbage);
  await queue.publish(bad, envelope(bad, 0, Buffer.from('this is not gzip'), 'identity'));
  await queue.publish(bad, envelope(bad, 1, batchBody(bad, 1, [{ type: 4, timestamp: T, data: { href: 'x', width: -1, height: 2 } }])));
  await publish(queue, good, 0, [meta(T), full(T + 1), move(T + 2)]);
  await until('the good session stored', async () => ((await storedEvents(good)) === 3 ? true : undefined));
  const { letters, total } = await deadLetters.list({ limit: 10, offset: 0 });
  assert.equal(total, 3);
  assert.deepEqual(letters.map((l) => [l.stage, l.seq]), [['read', -1], ['read', 0], ['read', 1]]);
  assert.match(letters[0].reason, /unreadable message/);
  assert.match(letters[2].reason, /events\[0\]\.data\.width must be an integer/);
  assert.equal(letters[0].sessionId, bad, 'an unreadable message is filed under its queue key');
  assert.ok((await deadLetters.get(letters[0].id))!.message.equals(garbage), 'the bytes are kept as queued');
  assert.equal(processor.status().state, 'running');
  assert.equal(processor.status().deadLettered, 3);
});

test('a session whose events cannot be serialised is set aside with its pending batches; the others carry on', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { queue, processor } = await running(t, chdb, deadLetters);
  const poisoned = randomUUID();
  const healthy = randomUUID();
  await publish(queue, poisoned, 0, [meta(T), full(T + 1)]);
  // 6 000 levels pass JSON.parse but overflow JSON.stringify when the chunk is built.
  const deep = `{"sessionId":"${poisoned}","seq":1,"events":[{"type":3,"timestamp":${T + 5},"data":{"source":0,"x":${'['.repeat(6_000)}${']'.repeat(6_000)}}}]}`;
  await queue.publish(poisoned, envelope(poisoned, 1, Buffer.from(deep)));
  await publish(queue, healthy, 0, [meta(T), full(T + 1), move(T + 2)]);
  await until('the healthy session stored', async () => ((await storedEvents(healthy)) === 3 ? true : undefined));
  const { letters } = await until('dead letters', async () => {
    const page = await deadLetters.list({ limit: 10, offset: 0, sessionId: poisoned });
    return page.total === 2 ? page : undefined;
  });
  assert.deepEqual(letters.map((l) => l.seq).sort(), [0, 1], 'both pending batches of the session are kept');
  assert.ok(letters.every((l) => l.stage === 'store' && /could not be built: Maximum call stack/.test(l.reason)));
  // The session goes on from what the store holds: a later batch is stored normally.
  await publish(queue, poisoned, 2, [meta(T + 10), full(T + 11)]);
  await until('the session continues', async () => ((await storedEvents(poisoned)) === 2 ? true : undefined));
  assert.equal(processor.status().state, 'running');
});

test('the store refusing one session sets it aside after isolating it; fixed, a retry stores it exactly once, in order', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { store, control } = flakyStore(chdb);
  const { queue } = await running(t, store, deadLetters);
  const refused = randomUUID();
  const others = [randomUUID(), randomUUID()];
  control.refuse.add(refused);
  await publish(queue, refused, 0, [meta(T), full(T + 1), move(T + 2)]);
  await publish(queue, refused, 1, [move(T + 3), move(T + 4)]);
  for (const s of others) await publish(queue, s, 0, [meta(T), full(T + 1)]);
  for (const s of others) await until(`session ${s} stored`, async () => ((await storedEvents(s)) === 2 ? true : undefined));
  const { letters } = await until('dead letters', async () => {
    const page = await deadLetters.list({ limit: 10, offset: 0, sessionId: refused });
    return page.total === 2 ? page : undefined;
  });
  assert.ok(letters.every((l) => l.stage === 'store' && /the store refused the session's chunks: Code: 27/.test(l.reason)), letters[0].reason);
  assert.equal(await storedEvents(refused), 0);

  control.refuse.clear();
  const admin = new LocalDeadLetterAdmin(deadLetters, queue, logger);
  const result = await admin.retry({ all: true, sessionId: refused });
  assert.equal(result.count, 2);
  await until('the retried session stored', async () => ((await storedEvents(refused)) === 5 ? true : undefined));
  assert.deepEqual(await chunkTimes(refused), [0, 1, 2, 3, 4], 'every event once, in order');
  assert.equal((await deadLetters.list({ limit: 10, offset: 0 })).total, 0, 'retried letters are gone');
});

test('alone, a refused session is set aside only after three refusals in a row', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { store, control } = flakyStore(chdb);
  const { queue } = await running(t, store, deadLetters);
  const refused = randomUUID();
  control.refuse.add(refused);
  await publish(queue, refused, 0, [meta(T), full(T + 1)]);
  await until('set aside', async () => ((await deadLetters.list({ limit: 1, offset: 0 })).total === 1 ? true : undefined));
  assert.equal(control.refusedCalls, 3);
});

test('a store outage is retried with backoff, never set aside; health says retrying, then running', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { store, control } = flakyStore(chdb);
  const { queue, processor } = await running(t, store, deadLetters);
  control.outage = true;
  const sessions = [randomUUID(), randomUUID()];
  for (const s of sessions) await publish(queue, s, 0, [meta(T), full(T + 1), move(T + 2)]);
  const status = await until('retrying', async () => (processor.status().state === 'retrying' ? processor.status() : undefined));
  assert.match(status.lastError?.message ?? '', /ClickHouse is unreachable/);
  assert.equal(status.lastError?.stage, 'flush');
  assert.ok(status.retryAt! > Date.now() - 1_000, 'the next attempt is scheduled');
  assert.equal(status.unflushedSessions, 2);
  control.outage = false;
  for (const s of sessions) await until(`session ${s} stored`, async () => ((await storedEvents(s)) === 3 ? true : undefined), 40_000);
  // The flush that stored them finishes (summaries, commit) before it reports success.
  await until('running again', async () => (processor.status().state === 'running' ? true : undefined));
  assert.equal((await deadLetters.list({ limit: 1, offset: 0 })).total, 0);
});

test('a batch that would grow a chunk past its cap without a full snapshot is set aside alone; the session goes on', async (t) => {
  const deadLetters = new MemoryDeadLetterStore();
  const { queue } = await running(t, chdb, deadLetters, { maxChunkBytes: 4_000 });
  const sid = randomUUID();
  await publish(queue, sid, 0, [meta(T), full(T + 1)]);
  const bulky: RrwebEvent = { type: 3, timestamp: T + 2, data: { source: 0, texts: [{ id: 1, value: 'x'.repeat(5_000) }], adds: [], removes: [], attributes: [] } };
  await publish(queue, sid, 1, [bulky]);
  await publish(queue, sid, 2, [meta(T + 3), full(T + 4), { ...bulky, timestamp: T + 5, data: { source: 0, texts: [{ id: 1, value: 'small' }], adds: [], removes: [], attributes: [] } }]);
  await until('chunks 0 and 1 stored', async () => ((await storedEvents(sid)) === 5 ? true : undefined));
  const { letters } = await deadLetters.list({ limit: 10, offset: 0 });
  assert.equal(letters.length, 1);
  assert.equal(letters[0].seq, 1);
  assert.equal(letters[0].stage, 'apply');
  assert.match(letters[0].reason, /chunk 0 would grow past 4000 bytes without a full snapshot/);
});
