import type { Logger } from 'pino';
import type { ColdStore } from '../coldstore/index.js';
import type { ArchiveStore } from '../store/index.js';
import { archiveKey, buildArchiveObject, sha256 } from './archive-object.js';

export type ArchiveOutcome =
  | { kind: 'archived'; bytes: number; chunks: number; key: string }
  | { kind: 'resumed'; key: string }
  | { kind: 'skipped'; reason: string };

/**
 * Moves one session to cold storage, in an order that never loses it: write the object,
 * read it back and compare its hash, record the archive, and only then delete the hot
 * chunks. Interrupted anywhere, running it again finishes the job.
 */
export async function archiveSession(store: ArchiveStore, cold: ColdStore, projectId: string, sessionId: string, log: Logger): Promise<ArchiveOutcome> {
  const existing = await store.getArchive(projectId, sessionId);
  if (existing) {
    // Archived before an interruption: make sure the object is there, then finish.
    if ((await cold.size(existing.objectKey)) !== existing.objectBytes) {
      return { kind: 'skipped', reason: `archive object ${existing.objectKey} is missing or has the wrong size; chunks kept` };
    }
    await store.deleteChunks(projectId, sessionId);
    return { kind: 'resumed', key: existing.objectKey };
  }
  const manifest = await store.getManifest(projectId, sessionId);
  const events = await store.getSessionEvents(projectId, sessionId);
  if (!manifest || !events) return { kind: 'skipped', reason: 'no chunks' };
  const chunks: Buffer[] = [];
  for (const c of manifest.chunks) {
    const data = await store.getChunkData(projectId, sessionId, c.index);
    if (!data) return { kind: 'skipped', reason: `chunk ${c.index} vanished while reading` };
    chunks.push(data);
  }
  const key = archiveKey(projectId, sessionId, manifest.startedAt);
  const object = buildArchiveObject(chunks, manifest, events);
  await cold.put(key, object.body);
  const readBack = await cold.get(key);
  if (!readBack || sha256(readBack) !== object.sha256) {
    log.error({ sessionId, key }, 'archive: object read back does not match; chunks kept');
    return { kind: 'skipped', reason: 'verification failed' };
  }
  await store.writeArchive({
    projectId, sessionId, objectKey: key, objectBytes: object.body.length, sha256: object.sha256,
    chunkOffsets: object.chunkOffsets, manifest, events, archivedAt: Date.now(),
  });
  await store.deleteChunks(projectId, sessionId);
  return { kind: 'archived', bytes: object.body.length, chunks: chunks.length, key };
}
