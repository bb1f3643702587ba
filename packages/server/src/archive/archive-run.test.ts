import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { ClickHouseChunkStore, createClickHouseClient, NO_INDEX_CHANGE, type StoredChunk } from '../store/index.js';
import { FsColdStore } from '../coldstore/index.js';
import { silentLogger, tempDir } from '../../testing/test-support.js';
import { segmentsOf } from '../../testing/chunk-segments.js';
import { ArchiveAwareReader } from './archive-aware-reader.js';
import { runArchive } from './archive-run.js';
import { archiveSession } from './archive-session.js';

const DAY = 86_400_000;
const logger = silentLogger();
const store = new ClickHouseChunkStore(createClickHouseClient({ url: undefined, dataDir: tempDir('archive-chdb') }), 'gosight_archive');
await store.migrate();
after(() => store.close());
const cold = new FsColdStore(tempDir('archive-cold'));
const reader = new ArchiveAwareReader(store, cold);

/** A stored session of `chunks` chunks that ended `ageDays` ago, with its summary row. */
async function storeSession(ageDays: number, chunks = 3, sessionId: string = randomUUID()): Promise<string> {
  const start = Date.now() - ageDays * DAY - chunks * 60_000;
  const rows: StoredChunk[] = await Promise.all(Array.from({ length: chunks }, async (_, i) => {
    const events = [
      { type: 4, timestamp: start + i * 60_000, data: { href: `https://a.test/${i}`, width: 800, height: 600 } },
      { type: 2, timestamp: start + i * 60_000 + 1, data: { node: { id: 1, i }, initialOffset: { top: 0, left: 0 } } },
    ];
    return {
      projectId: 'p', sessionId, index: i, timestampStart: start + i * 60_000, timestampEnd: start + i * 60_000 + 59_000,
      ...await segmentsOf(events, 2), eventCount: 2, hasFullSnapshot: true, hasErrors: false, hasNetwork: false,
      batchSeqs: [i], clickCount: 0, errorCount: 0, rageClickCount: 0, deadClickCount: 0, pageUrls: [`https://a.test/${i}`],
      viewportWidth: 800, viewportHeight: 600, userAgent: 'UA', userId: '', version: 1,
      indexChange: NO_INDEX_CHANGE,
      derivedEvents: [{ id: `${i}:page_view:0`, kind: 'page_view', timestamp: start + i * 60_000, chunkIndex: i, label: `https://a.test/${i}`, severity: 'info', url: `https://a.test/${i}`, viewportWidth: 800, viewportHeight: 600 }],
      activity: { first: start + i * 60_000, last: start + i * 60_000, gaps: [] },
    };
  }));
  await store.writeChunks(rows);
  await store.writeSessions([{
    sessionId, projectId: 'p', startedAt: start, endedAt: start + chunks * 60_000 - 1_000, durationMs: chunks * 60_000 - 1_000,
    firstUrl: 'https://a.test/0', pageUrls: rows.map((r) => r.pageUrls[0]), pageCount: chunks, clickCount: 0, errorCount: 0,
    rageClickCount: 0, deadClickCount: 0, eventCount: chunks * 2, chunkCount: chunks, userAgent: 'UA', viewportWidth: 800, viewportHeight: 600, version: 1,
  }]);
  return sessionId;
}

async function snapshot(sessionId: string) {
  const manifest = await reader.getManifest('p', sessionId);
  const events = await reader.getSessionEvents('p', sessionId);
  const chunks: Buffer[] = [];
  for (const c of manifest?.chunks ?? []) chunks.push((await reader.getChunkData('p', sessionId, c.index))!);
  return { manifest, events, chunks };
}

test('old sessions move to cold storage; playback through the reader is unchanged; young ones stay', async () => {
  const old = await storeSession(40);
  const young = await storeSession(1);
  const before = await snapshot(old);

  const report = await runArchive({ store, cold, logger, afterDays: 30 });
  assert.ok(report.archived >= 1);
  assert.equal(report.interrupted, false);

  assert.equal((await store.getChunkStates('p', old)).length, 0, 'hot chunks deleted');
  const archive = await store.getArchive('p', old);
  assert.ok(archive);
  assert.match(archive.objectKey, new RegExp(`^p/\\d{4}/\\d{2}/${old}\\.gz$`));
  assert.equal(await cold.size(archive.objectKey), archive.objectBytes);

  const after = await snapshot(old);
  assert.deepEqual(after.manifest, before.manifest);
  assert.deepEqual(after.events, before.events);
  assert.equal(after.chunks.length, 3);
  after.chunks.forEach((c, i) => assert.ok(c.equals(before.chunks[i]), `chunk ${i} byte-exact from cold storage`));

  // The whole object is one gzip stream: the chunks' event arrays, then the trailer.
  const whole = gunzipSync((await cold.get(archive.objectKey))!).toString();
  assert.ok(whole.endsWith('}') && whole.includes('"format":"gosight-archive/1"'));

  const listed = (await store.listSessions('p', { limit: 200, offset: 0 })).sessions.find((s) => s.sessionId === old);
  assert.equal(listed?.archived, true, 'the session stays listed, flagged archived');
  assert.equal((await store.getChunkStates('p', young)).length, 3, 'a young session is untouched');
  assert.equal(await store.getArchive('p', young), undefined);
});

test('an interrupted run stops after the session in progress; the next run finishes the rest', async () => {
  const ids = [await storeSession(50), await storeSession(51), await storeSession(52)];
  const abort = new AbortController();
  const first = await runArchive({ store, cold, logger, afterDays: 30, signal: abort.signal, onProgress: () => abort.abort() });
  assert.equal(first.interrupted, true);
  assert.equal(first.archived, 1, 'one session archived before the stop');
  const second = await runArchive({ store, cold, logger, afterDays: 30 });
  assert.equal(second.archived, 2);
  for (const id of ids) assert.equal((await store.getChunkStates('p', id)).length, 0);
  for (const id of ids) assert.ok(await store.getArchive('p', id));
});

test('a session recorded as archived whose chunks were not yet deleted is finished, not archived twice', async () => {
  const id = await storeSession(45);
  const done = await archiveSession(store, cold, 'p', id, logger);
  assert.equal(done.kind, 'archived');
  const objects = (await cold.list('p/')).length;
  // A crash between recording the archive and deleting the chunks leaves them hot.
  await storeSession(45, 3, id);
  assert.equal((await store.getChunkStates('p', id)).length, 3);
  const again = await archiveSession(store, cold, 'p', id, logger);
  assert.equal(again.kind, 'resumed');
  assert.equal((await store.getChunkStates('p', id)).length, 0, 'the deletion is finished');
  assert.equal((await cold.list('p/')).length, objects, 'no second object written');
});

test('a missing cold object keeps the hot chunks', async () => {
  const id = await storeSession(60);
  await archiveSession(store, cold, 'p', id, logger);
  const archive = (await store.getArchive('p', id))!;
  await cold.delete(archive.objectKey);
  const outcome = await archiveSession(store, cold, 'p', id, logger);
  assert.equal(outcome.kind, 'skipped');
});
