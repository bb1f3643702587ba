import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ClickHouseChunkStore, createClickHouseClient, MemoryDeadLetterStore, NO_INDEX_CHANGE, type StoredChunk } from '../store/index.js';
import { FsColdStore } from '../coldstore/index.js';
import { AssetLibrary } from '../assets/index.js';
import { Accounts, MemoryAccountStore } from '../accounts/index.js';
import { silentLogger, tempDir } from '../../testing/test-support.js';
import { SessionEraser } from './session-eraser.js';
import { RetentionSweeper } from './retention-sweeper.js';

const store = new ClickHouseChunkStore(createClickHouseClient({ url: undefined, dataDir: tempDir('chdb-erasure') }), 'gosight_test');
await store.migrate();
after(() => store.close());
const cold = new FsColdStore(tempDir('cold-erasure'));
const assets = new AssetLibrary(cold);
const deadLetters = new MemoryDeadLetterStore();
const eraser = new SessionEraser({ store, deadLetters, cold, assets, logger: silentLogger() });
const T0 = Date.now() - 3 * 86_400_000;

function chunk(projectId: string, sessionId: string, index: number, userId: string, at = T0): StoredChunk {
  return {
    projectId, sessionId, index, timestampStart: at, timestampEnd: at + 1_000, dataSize: 10,
    newSegments: [{ id: 1, bytes: Buffer.from(`seg-${sessionId}-${index}`) }], segmentIds: [1], dataCrc: 0, compressedSize: 8, eventCount: 3, hasFullSnapshot: index === 0, hasErrors: false, hasNetwork: false, batchSeqs: [index], clickCount: 0,
    errorCount: 0, rageClickCount: 0, deadClickCount: 0, pageUrls: ['https://shop.test/'], viewportWidth: 800, viewportHeight: 600,
    userAgent: 'test', userId, derivedEvents: [], indexChange: NO_INDEX_CHANGE, activity: { gaps: [] }, version: 1,
  };
}

/** A session in every place one lives: hot chunks and summary, an archive object and record, a dead letter, an asset index and blob. */
async function seed(projectId: string, sessionId: string, userId: string, blob: string, at = T0): Promise<void> {
  await store.writeChunks([chunk(projectId, sessionId, 0, userId, at), chunk(projectId, sessionId, 1, userId, at)]);
  await store.writeSessions([{
    projectId, sessionId, startedAt: at, endedAt: at + 2_000, durationMs: 2_000, firstUrl: 'https://shop.test/', pageCount: 1, clickCount: 0,
    errorCount: 0, eventCount: 6, chunkCount: 2, userAgent: 'test', viewportWidth: 800, viewportHeight: 600, rageClickCount: 0,
    deadClickCount: 0, pageUrls: ['https://shop.test/'], userId, version: 1,
  }]);
  const objectKey = `sessions/${projectId}/${sessionId}.gz`;
  await cold.put(objectKey, Buffer.from('archived bytes'));
  await store.writeArchive({
    projectId, sessionId, objectKey, objectBytes: 14, sha256: 'x', chunkOffsets: [0, 14], archivedAt: Date.now(),
    manifest: { sessionId, chunks: [] } as never, events: { events: [], inactive: [] } as never,
  });
  await deadLetters.add([{ id: randomUUID(), projectId, sessionId, seq: 9, stage: 'store', reason: 'test', failedAt: Date.now(), message: Buffer.from('kept') }]);
  await assets.putBlob(projectId, blob, Buffer.from(`blob ${blob}`));
  await assets.writeIndex(projectId, sessionId, { [`https://shop.test/${blob}.png`]: { hash: blob, type: 'image/png', bytes: 10 } as never });
}

const hotRows = async (sessionId: string) => Number((await store['q'].rows<{ n: string }>(
  `SELECT (SELECT count() FROM gosight_test.replay_chunks FINAL WHERE session_id = {id:UUID})
        + (SELECT count() FROM gosight_test.replay_sessions FINAL WHERE session_id = {id:UUID})
        + (SELECT count() FROM gosight_test.replay_archives FINAL WHERE session_id = {id:UUID}) AS n`, { id: sessionId }))[0].n);

test('erasing a user removes each of their sessions from every store, and only theirs', async () => {
  const [a, b, kept] = [randomUUID(), randomUUID(), randomUUID()];
  const shared = 'a'.repeat(64);
  await seed('shop', a, 'visitor-7', shared);
  await seed('shop', b, 'visitor-7', 'b'.repeat(64));
  await seed('shop', kept, 'visitor-8', shared);
  assert.equal(await hotRows(a), 4, 'two chunks, a summary and an archive record before');

  const reports = await eraser.eraseUser('shop', 'visitor-7');
  assert.deepEqual(reports.map((r) => r.sessionId).sort(), [a, b].sort());
  assert.ok(reports.every((r) => r.archive && r.deadLetters === 1 && r.assetIndex));
  for (const id of [a, b]) {
    assert.equal(await hotRows(id), 0, `no row of ${id} in replay_chunks, replay_sessions or replay_archives`);
    assert.equal(await cold.get(`sessions/shop/${id}.gz`), undefined, 'archive object gone');
    assert.deepEqual(await assets.readIndex('shop', id), {}, 'asset index gone');
    assert.equal((await deadLetters.list({ sessionId: id, limit: 10, offset: 0 })).total, 0, 'dead letters gone');
  }
  assert.equal(await assets.getBlob('shop', 'b'.repeat(64)), undefined, 'a blob only the erased sessions used is gone');
  assert.ok(await assets.getBlob('shop', shared), 'a blob another session uses stays');
  assert.equal(await hotRows(kept), 4, 'another visitor\'s session is untouched');
  assert.ok(await cold.get(`sessions/shop/${kept}.gz`));
  const erased = (await store.erasedSince(0)).map((e) => e.sessionId);
  assert.ok(erased.includes(a) && erased.includes(b) && !erased.includes(kept), 'tombstones for the processor');
});

test('a project\'s retention erases its sessions that ended before it, and says so in the audit log', async () => {
  const accounts = new Accounts(new MemoryAccountStore(), 0);
  await accounts.projects.create('blog', 'Blog', 'gs_blog_key_1');
  await accounts.projects.create('docs', 'Docs', 'gs_docs_key_1');
  await accounts.projects.update('blog', { retentionDays: 2 });
  const [old, young, otherProject] = [randomUUID(), randomUUID(), randomUUID()];
  await seed('blog', old, '', 'c'.repeat(64), T0);
  await seed('blog', young, '', 'd'.repeat(64), Date.now() - 3_600_000);
  await seed('docs', otherProject, '', 'e'.repeat(64), T0);
  const sweeper = new RetentionSweeper({ accounts, store, eraser, logger: silentLogger() });
  assert.deepEqual([...await sweeper.runOnce()], [['blog', 1]]);
  assert.equal(await hotRows(old), 0);
  assert.equal(await cold.get(`sessions/blog/${old}.gz`), undefined);
  assert.equal(await hotRows(young), 4, 'inside the retention');
  assert.equal(await hotRows(otherProject), 4, 'a project without its own retention keeps its sessions');
  const [entry] = (await accounts.store.listAudit({ projectId: 'blog', limit: 5, offset: 0 })).entries;
  assert.equal(entry.action, 'retention.erase');
  assert.equal(entry.target, '1 sessions');
});
