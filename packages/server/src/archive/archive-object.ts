import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { ReplayManifest, SessionEventsResponse } from '@gosight/shared';

export const ARCHIVE_FORMAT = 'gosight-archive/1';

/**
 * One cold-storage object per session:
 *
 *   +-----------+-----------+-----+---------------+-------------------------------+
 *   | chunk 0   | chunk 1   | ... | chunk n-1     | trailer                       |
 *   | gzip      | gzip      |     | gzip          | gzip(JSON {format, manifest,  |
 *   | member    | member    |     | member        |   events, chunkOffsets})      |
 *   +-----------+-----------+-----+---------------+-------------------------------+
 *
 * Each chunk is the stored gzip as it was in ClickHouse, so the whole object is one valid
 * (multi-member) gzip stream, any chunk is served again byte for byte with a range read,
 * and the trailer makes the object self-describing without the store.
 */
export interface ArchiveTrailer {
  format: typeof ARCHIVE_FORMAT;
  manifest: ReplayManifest;
  events: SessionEventsResponse;
  chunkOffsets: number[];
}

export function buildArchiveObject(chunks: Buffer[], manifest: ReplayManifest, events: SessionEventsResponse): {
  body: Buffer; chunkOffsets: number[]; sha256: string;
} {
  const chunkOffsets = [0];
  for (const c of chunks) chunkOffsets.push(chunkOffsets[chunkOffsets.length - 1] + c.length);
  const trailer: ArchiveTrailer = { format: ARCHIVE_FORMAT, manifest, events, chunkOffsets };
  const body = Buffer.concat([...chunks, gzipSync(JSON.stringify(trailer))]);
  return { body, chunkOffsets, sha256: sha256(body) };
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** `{project_id}/{YYYY}/{MM}/{session_id}.gz`, by the session's start (stable across re-runs). */
export function archiveKey(projectId: string, sessionId: string, startedAt: number): string {
  const d = new Date(startedAt);
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${encodeKeySegment(projectId)}/${d.getUTCFullYear()}/${month}/${sessionId}.gz`;
}

/** Project ids become one safe key segment. */
const encodeKeySegment = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
