import type { ErasedSession } from '../store/index.js';

/**
 * Another process may mark a session erased with a clock a little behind ours, or its
 * insert may land late: each read goes back this far past the last one.
 */
const OVERLAP_MS = 60_000;

/** Flushes come every few hundred ms; the store is asked at most this often. */
const MIN_READ_INTERVAL_MS = 1_000;

/**
 * The sessions erased on request, as the processor knows them: read in full once, then
 * what was added since, at flushes (at most once a second). The processor drops their batches and anything it
 * holds of them.
 */
export class ErasedSessions {
  private readonly keys = new Set<string>();
  private readUntil: number | undefined;

  constructor(private readonly read: (since: number) => Promise<ErasedSession[]>, private readonly now: () => number) {}

  /** Reads the store (at most once a second); returns the sessions not known before. */
  async refresh(): Promise<ErasedSession[]> {
    const until = this.now();
    if (this.readUntil !== undefined && until - this.readUntil < MIN_READ_INTERVAL_MS) return [];
    const rows = await this.read(this.readUntil === undefined ? 0 : this.readUntil - OVERLAP_MS);
    const fresh = rows.filter((r) => !this.keys.has(key(r.projectId, r.sessionId)));
    for (const r of fresh) this.keys.add(key(r.projectId, r.sessionId));
    this.readUntil = until;
    return fresh;
  }

  has(projectId: string, sessionId: string): boolean {
    return this.keys.has(key(projectId, sessionId));
  }
}

const key = (projectId: string, sessionId: string) => `${projectId}/${sessionId.toLowerCase()}`;
