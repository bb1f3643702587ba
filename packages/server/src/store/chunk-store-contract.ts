import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { ChunkStore, SessionRecord, StoredChunk } from './chunk-store.js';
import { NO_INDEX_CHANGE } from './event-index.js';
import { runPageMapContract, runSearchContract } from './search/search-contract.js';
import { segmentsOf } from '../../testing/chunk-segments.js';

// Recent times: rows older than the 90-day TTL may vanish at any merge.
const T0 = Date.now() - 60 * 60_000;

/**
 * The behaviour every `ChunkStore` must have. The factory returns one migrated store
 * used by all cases of the suite (chDB allows one data directory per process).
 */
export function runChunkStoreContract(name: string, open: () => Promise<ChunkStore>): void {
  let storePromise: Promise<ChunkStore> | undefined;
  const store = () => (storePromise ??= open());
  after(async () => (await storePromise)?.close());

  runSearchContract(name, store);
  runPageMapContract(name, store);

  test(`${name}: migrate is idempotent`, async () => {
    const s = await store();
    await s.migrate();
    await s.migrate();
  });

  test(`${name}: segment bytes round-trip byte-exact, every byte value included, between the gzip header and trailer`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const a = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(100_000)]);
    const b = Buffer.from('\\\t\n\r\0\\n\\t', 'latin1');
    await s.writeChunks([chunk({ sessionId, index: 0, segmentIds: [7, 9], newSegments: [{ id: 7, bytes: a }, { id: 9, bytes: b }] })]);
    const got = await s.getChunkData('p1', sessionId, 0);
    assert.ok(got, 'chunk found');
    assert.ok(got.subarray(10, 10 + a.length + b.length).equals(Buffer.concat([a, b])), 'segment bytes identical, in order');
    assert.equal(got.length, 10 + a.length + b.length + 5 + 1 + 8, 'header, segments, final block with "]", trailer');
  });

  test(`${name}: a chunk appended over several writes reads back as one gzip of its JSON array`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const events = Array.from({ length: 300 }, (_, i) => ({ type: 3, timestamp: T0 + i, data: { source: 0, text: `ünïcode ✓ ${i}`.repeat(i % 7) } }));
    const all = await segmentsOf(events, 3, 100);
    for (let w = 1; w <= 3; w++) {
      const seen = events.slice(0, w * 100);
      const upTo = await segmentsOf(seen, w, 100);
      await s.writeChunks([chunk({ sessionId, index: 0, ...upTo, newSegments: [all.newSegments[w - 1]], eventCount: seen.length, version: w })]);
      const got = await s.getChunkData('p1', sessionId, 0);
      assert.deepEqual(JSON.parse(gunzipSync(got!).toString()), seen, `after write ${w}`);
      const [state] = await s.getChunkStates('p1', sessionId);
      assert.deepEqual(state.segmentIds, upTo.segmentIds);
      assert.equal(state.dataCrc, upTo.dataCrc);
      assert.equal(got!.length, upTo.compressedSize);
    }
  });

  test(`${name}: a segment written twice (a retried write) is read once; one no row lists is never read; a listed one missing is an error`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const events = Array.from({ length: 40 }, (_, i) => ({ type: 3, timestamp: T0 + i, data: { i } }));
    const seg = await segmentsOf(events, 2, 1);
    // The first write's segments were stored but its row was not (a write failed half-way), then retried whole.
    await s.writeChunks([chunk({ sessionId, index: 0, ...seg, version: 1 })]);
    await s.writeChunks([chunk({ sessionId, index: 0, ...seg, version: 2 })]);
    // A write whose row never made it: its segment is stored, listed by no row.
    await s.writeChunks([chunk({ sessionId, index: 0, ...seg, segmentIds: [1, 2, 3], newSegments: [{ id: 3, bytes: Buffer.from('orphan') }], version: 0 })]);
    assert.deepEqual(JSON.parse(gunzipSync((await s.getChunkData('p1', sessionId, 0))!).toString()), events);
    await s.writeChunks([chunk({ sessionId, index: 1, segmentIds: [5, 6], newSegments: [{ id: 5, bytes: Buffer.from('x') }] })]);
    await assert.rejects(s.getChunkData('p1', sessionId, 1), /segment 6/);
  });

  test(`${name}: strings with lone surrogates, NULs and control characters are stored (surrogates as U+FFFD)`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    await s.writeChunks([chunk({ sessionId, index: 0, pageUrls: ['https://a.test/\ud800x', 'b\u0000c\u0007\u202e🤯'] })]);
    const [state] = await s.getChunkStates('p1', sessionId);
    assert.deepEqual(state.pageUrls, ['https://a.test/\ufffdx', 'b\u0000c\u0007\u202e🤯']);
  });

  test(`${name}: a row written again with a higher version replaces the chunk; a lower one does not`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const row = (version: number) => chunk({ sessionId, index: 0, segmentIds: [version], newSegments: [{ id: version, bytes: Buffer.from(`v${version}`) }], version, eventCount: version });
    await s.writeChunks([row(1)]);
    await s.writeChunks([row(3)]);
    await s.writeChunks([row(2)]);
    assert.equal((await s.getChunkData('p1', sessionId, 0))?.subarray(10, 12).toString(), 'v3');
    const states = await s.getChunkStates('p1', sessionId);
    assert.equal(states.length, 1);
    assert.equal(states[0].eventCount, 3);
    assert.equal(states[0].version, 3);
  });

  test(`${name}: manifest lists chunks in order with times, sizes and flags`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    await s.writeChunks([
      chunk({ sessionId, index: 1, timestampStart: T0 + 61_000, timestampEnd: T0 + 90_000, hasErrors: true }),
      chunk({ sessionId, index: 0, timestampStart: T0 + 1_000, timestampEnd: T0 + 60_000, batchSeqs: [0, 1, 2] }),
    ]);
    const m = await s.getManifest('p1', sessionId);
    assert.ok(m);
    assert.deepEqual(m.chunks.map((c) => c.index), [0, 1]);
    assert.equal(m.startedAt, T0 + 1_000);
    assert.equal(m.endedAt, T0 + 90_000);
    assert.equal(m.durationMs, 89_000);
    assert.equal(m.chunks[1].hasErrors, true);
    assert.equal(m.chunks[0].hasFullSnapshot, true);
    assert.equal(m.chunks[0].compressedSize, 27);
    const states = await s.getChunkStates('p1', sessionId);
    assert.deepEqual(states[0].batchSeqs, [0, 1, 2]);
    assert.deepEqual(states[0].pageUrls, ['https://example.test/a']);
    assert.equal(await s.getManifest('other-project', sessionId), undefined);
    assert.equal(await s.getManifest('p1', randomUUID()), undefined);
    assert.equal(await s.getChunkData('p1', sessionId, 7), undefined);
  });

  test(`${name}: sessions list newest first, paginated, latest version of each`, async () => {
    const s = await store();
    const projectId = `list-${randomUUID()}`;
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeSessions(ids.map((sessionId, i) => session({ projectId, sessionId, startedAt: T0 + 1_000 * (i + 1), version: 1 })));
    await s.writeSessions([session({ projectId, sessionId: ids[0], startedAt: T0 + 1_000, clickCount: 42, version: 2 })]);
    const page1 = await s.listSessions(projectId, { limit: 2, offset: 0 });
    assert.equal(page1.total, 3);
    assert.deepEqual(page1.sessions.map((x) => x.sessionId), [ids[2], ids[1]]);
    const page2 = await s.listSessions(projectId, { limit: 2, offset: 2 });
    assert.deepEqual(page2.sessions.map((x) => x.sessionId), [ids[0]]);
    assert.equal(page2.sessions[0].clickCount, 42);
    assert.equal(page2.sessions[0].firstUrl, 'https://example.test/a');
  });

  test(`${name}: session list filters and sorts`, async () => {
    const s = await store();
    const projectId = `filter-${randomUUID()}`;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeSessions([
      session({ projectId, sessionId: a, startedAt: T0 + 1_000, durationMs: 5_000, errorCount: 2, clickCount: 1, pageUrls: ['https://shop.test/', 'https://shop.test/Checkout'] }),
      session({ projectId, sessionId: b, startedAt: T0 + 2_000, durationMs: 90_000, rageClickCount: 1, clickCount: 9, pageUrls: ['https://shop.test/cart'] }),
      session({ projectId, sessionId: c, startedAt: T0 + 3_000, durationMs: 30_000, pageUrls: ['https://blog.test/post'] }),
    ]);
    const ids = async (q: Record<string, unknown>) =>
      (await s.listSessions(projectId, { limit: 10, offset: 0, ...q })).sessions.map((x) => x.sessionId);
    assert.deepEqual(await ids({ url: 'checkout' }), [a], 'URL search is a case-insensitive substring of any page');
    assert.deepEqual(await ids({ url: 'shop.test' }), [b, a]);
    assert.deepEqual(await ids({ hasErrors: true }), [a]);
    assert.deepEqual(await ids({ hasRageClicks: true }), [b]);
    assert.deepEqual(await ids({ minDurationMs: 10_000 }), [c, b]);
    assert.deepEqual(await ids({ maxDurationMs: 30_000 }), [c, a]);
    assert.deepEqual(await ids({ from: T0 + 1_500, to: T0 + 2_500 }), [b]);
    assert.deepEqual(await ids({ sort: 'oldest' }), [a, b, c]);
    assert.deepEqual(await ids({ sort: 'longest' }), [b, c, a]);
    assert.deepEqual(await ids({ sort: 'most_clicks' }), [b, a, c]);
    const page = await s.listSessions(projectId, { limit: 1, offset: 0, url: 'shop' });
    assert.equal(page.total, 2, 'total counts every match, not just the page');
    assert.equal(page.sessions[0].rageClickCount, 1);
  });

  test(`${name}: session events merge the chunks' derived events and activity`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const ev = (i: number, t: number) => ({ id: `${i}:click:0`, kind: 'click' as const, timestamp: T0 + t, chunkIndex: i, label: 'Click', severity: 'info' as const, x: 1, y: 2, nodeId: 3, count: 1 });
    await s.writeChunks([
      chunk({ sessionId, index: 0, timestampStart: T0, timestampEnd: T0 + 20_000, derivedEvents: [ev(0, 1_000)], activity: { first: T0, last: T0 + 1_000, gaps: [] } }),
      chunk({ sessionId, index: 1, timestampStart: T0 + 20_000, timestampEnd: T0 + 40_000, derivedEvents: [ev(1, 30_000)], activity: { first: T0 + 30_000, last: T0 + 30_000, gaps: [] } }),
    ]);
    const r = await s.getSessionEvents('p1', sessionId);
    assert.ok(r);
    assert.deepEqual(r.events.map((e) => e.id), ['0:click:0', '1:click:0']);
    assert.deepEqual(r.inactiveRanges, [{ start: T0 + 1_000, end: T0 + 30_000 }, { start: T0 + 30_000, end: T0 + 40_000 }]);
    assert.equal(await s.getSessionEvents('p1', randomUUID()), undefined);
  });

  test(`${name}: a user's sessions are found by user id; deleting a session removes its rows, in its project only`, async () => {
    const s = await store();
    const [a, b, other] = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeChunks([
      chunk({ sessionId: a, index: 0, userId: 'visitor-7' }),
      chunk({ sessionId: a, index: 1, userId: 'visitor-7' }),
      chunk({ sessionId: b, index: 0, userId: 'visitor-7' }),
      chunk({ sessionId: other, index: 0, userId: 'visitor-8' }),
      chunk({ sessionId: a, index: 0, projectId: 'p2', userId: 'visitor-7' }),
    ]);
    await s.writeSessions([session({ projectId: 'p1', sessionId: a, userId: 'visitor-7' })]);
    assert.deepEqual(await s.sessionsOfUser('p1', 'visitor-7'), [a, b].sort());
    await s.deleteSession('p1', a);
    assert.equal(await s.getManifest('p1', a), undefined);
    assert.deepEqual(await s.getChunkStates('p1', a), []);
    assert.ok(!(await s.listSessions('p1', { limit: 100, offset: 0 })).sessions.some((x) => x.sessionId === a), 'summary gone');
    assert.deepEqual(await s.sessionsOfUser('p1', 'visitor-7'), [b]);
    assert.ok(await s.getManifest('p2', a), 'the same id in another project is another session');
  });

  test(`${name}: sessions that ended before a time are found, oldest first`, async () => {
    const s = await store();
    const project = `retention-${randomUUID().slice(0, 8)}`;
    const [old, older, young] = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeSessions([
      session({ projectId: project, sessionId: old, endedAt: T0 + 2_000 }),
      session({ projectId: project, sessionId: older, endedAt: T0 + 1_000 }),
      session({ projectId: project, sessionId: young, endedAt: T0 + 9_000 }),
    ]);
    assert.deepEqual(await s.sessionsEndedBefore(project, T0 + 5_000, 10), [older, old]);
    assert.deepEqual(await s.sessionsEndedBefore(project, T0 + 5_000, 1), [older]);
  });

  test(`${name}: archiving: old sessions are candidates, oldest first; the record is kept, the summary stays listed as archived, the chunks go`, async () => {
    const s = await store();
    const project = `archive-${randomUUID().slice(0, 8)}`;
    const [old, older, young] = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeChunks([
      chunk({ projectId: project, sessionId: old, index: 0, timestampEnd: T0 + 2_000 }),
      chunk({ projectId: project, sessionId: old, index: 1, timestampStart: T0 + 2_500, timestampEnd: T0 + 3_000 }),
      chunk({ projectId: project, sessionId: older, index: 0, timestampEnd: T0 + 1_500 }),
      chunk({ projectId: project, sessionId: young, index: 0, timestampStart: T0 + 9_000, timestampEnd: T0 + 9_500 }),
    ]);
    await s.writeSessions([session({ projectId: project, sessionId: old })]);
    const ours = (await s.listArchiveCandidates(T0 + 5_000, 10_000)).filter((c) => c.projectId === project);
    assert.deepEqual(ours, [{ projectId: project, sessionId: older, endedAt: T0 + 1_500 }, { projectId: project, sessionId: old, endedAt: T0 + 3_000 }]);

    const manifest = (await s.getManifest(project, old))!;
    const events = (await s.getSessionEvents(project, old))!;
    const record = {
      projectId: project, sessionId: old, objectKey: `${project}/2026/12/${old}.gz`, objectBytes: 42, sha256: 'ab'.repeat(32),
      chunkOffsets: [0, 20, 42], manifest, events, archivedAt: T0 + 60_000,
    };
    assert.equal(await s.getArchive(project, old), undefined);
    await s.writeArchive(record);
    assert.deepEqual(await s.getArchive(project, old), record);
    await s.deleteChunks(project, old);
    assert.equal(await s.getManifest(project, old), undefined);
    assert.deepEqual(await s.getChunkStates(project, old), []);
    const listed = (await s.listSessions(project, { limit: 10, offset: 0 })).sessions.find((x) => x.sessionId === old);
    assert.equal(listed?.archived, true, 'still listed, as archived');
    assert.ok(!(await s.listArchiveCandidates(T0 + 5_000, 10_000)).some((c) => c.sessionId === old), 'no longer a candidate');
  });

  test(`${name}: erased sessions are listed from a time on`, async () => {
    const s = await store();
    const since = Date.now();
    const id = randomUUID();
    await s.markErased({ projectId: 'p1', sessionId: id, erasedAt: since + 5 });
    const erased = await s.erasedSince(since);
    assert.deepEqual(erased.filter((e) => e.sessionId === id), [{ projectId: 'p1', sessionId: id, erasedAt: since + 5 }]);
    assert.equal((await s.erasedSince(since + 6)).filter((e) => e.sessionId === id).length, 0);
  });
}

function chunk(over: Partial<StoredChunk> & { sessionId: string; index: number }): StoredChunk {
  return {
    projectId: 'p1',
    timestampStart: T0 + 1_000,
    timestampEnd: T0 + 2_000,
    newSegments: [{ id: 1, bytes: Buffer.from('abc') }],
    segmentIds: [1],
    dataCrc: 0,
    dataSize: 10,
    compressedSize: 27,
    eventCount: 5,
    hasFullSnapshot: true,
    hasErrors: false,
    hasNetwork: false,
    batchSeqs: [0],
    clickCount: 1,
    errorCount: 0,
    pageUrls: ['https://example.test/a'],
    viewportWidth: 1024,
    viewportHeight: 768,
    userAgent: 'test-agent',
    userId: '',
    rageClickCount: 0,
    deadClickCount: 0,
    derivedEvents: [],
    indexChange: NO_INDEX_CHANGE,
    activity: { gaps: [] },
    version: 1,
    ...over,
  };
}

function session(over: Partial<SessionRecord> & { projectId: string; sessionId: string }): SessionRecord {
  return {
    startedAt: T0 + 1_000,
    endedAt: T0 + 5_000,
    durationMs: 4_000,
    firstUrl: 'https://example.test/a',
    pageCount: 1,
    clickCount: 0,
    errorCount: 0,
    eventCount: 10,
    chunkCount: 1,
    userAgent: 'test-agent',
    viewportWidth: 1024,
    viewportHeight: 768,
    rageClickCount: 0,
    deadClickCount: 0,
    pageUrls: ['https://example.test/a'],
    version: 1,
    ...over,
  };
}
