import type { Logger } from 'pino';
import type { DeadLetterStore, ErasureStore } from '../store/index.js';
import type { ColdStore } from '../coldstore/index.js';
import type { AssetLibrary } from '../assets/index.js';

/** What erasing one session removed, for the answer and the audit log. */
export interface ErasedReport {
  sessionId: string;
  /** Its archive object in cold storage was deleted. */
  archive: boolean;
  /** Dead letters of the session that were dropped. */
  deadLetters: number;
  /** It had a captured-asset index, now deleted. */
  assetIndex: boolean;
}

export interface EraserDeps {
  store: ErasureStore;
  deadLetters: DeadLetterStore;
  cold: ColdStore;
  /** Captured assets in the cold store (present even with capture now off: old indexes may exist). */
  assets: AssetLibrary;
  logger: Logger;
  now?: () => number;
}

/** Dead letters are read a page at a time; a session has few. */
const LETTER_PAGE = 500;

/**
 * Erases sessions on request ("forget me"), from every place a session lives: the
 * tombstone first (the processor drops the session's queued batches and what it holds
 * in memory), then cold storage, dead letters and the captured-asset index, and the hot
 * rows (chunks, derived events, summary, archive record) last, so an erasure cut short
 * can be run again and still finds the session. Asset blobs that no other session uses
 * are swept after.
 */
export class SessionEraser {
  private readonly now: () => number;

  constructor(private readonly deps: EraserDeps) {
    this.now = deps.now ?? Date.now;
  }

  async eraseSessions(projectId: string, sessionIds: readonly string[]): Promise<ErasedReport[]> {
    const reports: ErasedReport[] = [];
    for (const sessionId of sessionIds) reports.push(await this.eraseOne(projectId, sessionId));
    if (reports.some((r) => r.assetIndex)) {
      const swept = await this.deps.assets.sweepBlobs(projectId);
      this.deps.logger.info({ projectId, swept }, 'asset blobs no longer used were deleted');
    }
    return reports;
  }

  /** Every session of the project recorded with this user id (`GoSight.identify`). */
  async eraseUser(projectId: string, userId: string): Promise<ErasedReport[]> {
    return this.eraseSessions(projectId, await this.deps.store.sessionsOfUser(projectId, userId));
  }

  private async eraseOne(projectId: string, sessionId: string): Promise<ErasedReport> {
    const { store, cold, assets, deadLetters } = this.deps;
    await store.markErased({ projectId, sessionId, erasedAt: this.now() });
    const archive = await store.getArchive(projectId, sessionId);
    if (archive) await cold.delete(archive.objectKey);
    let dropped = 0;
    for (;;) {
      const page = await deadLetters.list({ sessionId, limit: LETTER_PAGE, offset: 0 });
      const ids = page.letters.filter((l) => l.projectId === projectId).map((l) => l.id);
      if (ids.length === 0) break;
      await deadLetters.remove(ids);
      dropped += ids.length;
      if (ids.length < LETTER_PAGE) break;
    }
    const hadAssets = Object.keys(await assets.readIndex(projectId, sessionId)).length > 0;
    await assets.deleteSession(projectId, sessionId);
    await store.deleteSession(projectId, sessionId);
    this.deps.logger.info({ projectId, sessionId, archive: !!archive, deadLetters: dropped }, 'session erased');
    return { sessionId, archive: !!archive, deadLetters: dropped, assetIndex: hadAssets };
  }
}
