import type { ChunkState, SessionRecord } from '../store/index.js';

/**
 * The listing row of a session, derived from its chunks only. Because the chunks are the
 * single source of truth, a summary lost in a crash is rebuilt exactly on the next write.
 */
export function summarizeSession(chunks: readonly ChunkState[], version: number): SessionRecord {
  const first = chunks[0];
  const startedAt = Math.min(...chunks.map((c) => c.timestampStart));
  const endedAt = Math.max(...chunks.map((c) => c.timestampEnd));
  let pageCount = 0;
  let lastUrl = '';
  for (const c of chunks) {
    for (const url of c.pageUrls) {
      if (url !== lastUrl) pageCount++;
      lastUrl = url;
    }
  }
  const sum = (pick: (c: ChunkState) => number) => chunks.reduce((n, c) => n + pick(c), 0);
  const withViewport = chunks.find((c) => c.viewportWidth > 0);
  return {
    sessionId: first.sessionId,
    projectId: first.projectId,
    startedAt,
    endedAt,
    durationMs: endedAt - startedAt,
    firstUrl: chunks.find((c) => c.pageUrls.length > 0)?.pageUrls[0] ?? '',
    pageCount,
    clickCount: sum((c) => c.clickCount),
    errorCount: sum((c) => c.errorCount),
    eventCount: sum((c) => c.eventCount),
    chunkCount: chunks.length,
    userAgent: chunks.find((c) => c.userAgent)?.userAgent ?? '',
    viewportWidth: withViewport?.viewportWidth ?? 0,
    viewportHeight: withViewport?.viewportHeight ?? 0,
    version,
  };
}
