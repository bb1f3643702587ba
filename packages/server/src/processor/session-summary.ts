import type { ChunkState, SessionRecord } from '../store/index.js';
import { describeDevice } from './device.js';

/** URLs kept for search; a session that visits more pages is still counted in full. */
const MAX_PAGE_URLS = 200;

/**
 * The listing row of a session, derived from its chunks only. Because the chunks are the
 * single source of truth, a summary lost in a crash is rebuilt exactly on the next write.
 */
export function summarizeSession(chunks: readonly ChunkState[], version: number): SessionRecord {
  const first = chunks[0];
  const startedAt = Math.min(...chunks.map((c) => c.timestampStart));
  const endedAt = Math.max(...chunks.map((c) => c.timestampEnd));
  const pageUrls: string[] = [];
  for (const c of chunks) {
    for (const url of c.pageUrls) if (url !== pageUrls[pageUrls.length - 1]) pageUrls.push(url);
  }
  const sum = (pick: (c: ChunkState) => number) => chunks.reduce((n, c) => n + pick(c), 0);
  const withViewport = chunks.find((c) => c.viewportWidth > 0);
  const userAgent = chunks.find((c) => c.userAgent)?.userAgent ?? '';
  return {
    sessionId: first.sessionId,
    projectId: first.projectId,
    startedAt,
    endedAt,
    durationMs: endedAt - startedAt,
    firstUrl: chunks.find((c) => c.pageUrls.length > 0)?.pageUrls[0] ?? '',
    pageCount: pageUrls.length,
    pageUrls: pageUrls.slice(0, MAX_PAGE_URLS),
    clickCount: sum((c) => c.clickCount),
    errorCount: sum((c) => c.errorCount),
    rageClickCount: sum((c) => c.rageClickCount),
    deadClickCount: sum((c) => c.deadClickCount),
    eventCount: sum((c) => c.eventCount),
    chunkCount: chunks.length,
    userAgent,
    ...describeDevice(userAgent, withViewport?.viewportWidth ?? 0),
    userId: [...chunks].reverse().find((c) => c.userId)?.userId ?? '',
    viewportWidth: withViewport?.viewportWidth ?? 0,
    viewportHeight: withViewport?.viewportHeight ?? 0,
    version,
  };
}
