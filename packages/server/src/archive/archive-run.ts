import type { Logger } from 'pino';
import type { ColdStore } from '../coldstore/index.js';
import type { ArchiveStore } from '../store/index.js';
import { archiveSession } from './archive-session.js';

export interface ArchiveRunOptions {
  store: ArchiveStore;
  cold: ColdStore;
  logger: Logger;
  /** Sessions whose newest chunk is older than this many days are archived. */
  afterDays: number;
  now?: () => number;
  /** Stops the run after the session in progress. */
  signal?: AbortSignal;
  /** Called after every session, for progress output. */
  onProgress?: (p: ArchiveProgress) => void;
}

export interface ArchiveProgress {
  archived: number;
  resumed: number;
  skipped: number;
  bytes: number;
  /** Candidates seen so far (the run pages through them). */
  seen: number;
}

const PAGE = 100;
const DAY_MS = 86_400_000;

/**
 * One archive pass over every due session. Safe to interrupt (SIGINT stops after the
 * current session) and to run again: done sessions are no longer candidates, half-done
 * ones are finished.
 */
export async function runArchive(opts: ArchiveRunOptions): Promise<ArchiveProgress & { interrupted: boolean }> {
  const cutoff = (opts.now ?? Date.now)() - opts.afterDays * DAY_MS;
  const progress: ArchiveProgress = { archived: 0, resumed: 0, skipped: 0, bytes: 0, seen: 0 };
  const skipped = new Set<string>();
  for (;;) {
    const page = (await opts.store.listArchiveCandidates(cutoff, PAGE + skipped.size)).filter((c) => !skipped.has(c.sessionId));
    if (page.length === 0) return { ...progress, interrupted: false };
    for (const c of page) {
      if (opts.signal?.aborted) return { ...progress, interrupted: true };
      const outcome = await archiveSession(opts.store, opts.cold, c.projectId, c.sessionId, opts.logger);
      progress.seen++;
      if (outcome.kind === 'archived') {
        progress.archived++;
        progress.bytes += outcome.bytes;
      } else if (outcome.kind === 'resumed') {
        progress.resumed++;
      } else {
        progress.skipped++;
        skipped.add(c.sessionId);
        opts.logger.warn({ sessionId: c.sessionId, reason: outcome.reason }, 'archive: session skipped');
      }
      opts.onProgress?.({ ...progress });
    }
  }
}
