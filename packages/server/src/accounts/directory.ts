import type { IngestKeyRecord, MemberRecord, ProjectRecord } from './account-records.js';
import type { AccountStore } from './account-store.js';

/** What every request is checked against: small, read together, cached for a moment. */
export interface DirectorySnapshot {
  projects: ProjectRecord[];
  members: MemberRecord[];
  /** Live ingest keys by key. */
  keys: Map<string, IngestKeyRecord>;
  userCount: number;
}

/**
 * The projects, members, keys and user count, re-read at most every `maxAgeMs`. A change
 * made here is seen at once (`invalidate`); one made by another process within `maxAgeMs`.
 * When the store cannot be read, the last snapshot stays in use, so ingest keeps working
 * through a store outage; with none yet, the error goes to the caller.
 */
export class Directory {
  private snapshot: DirectorySnapshot | undefined;
  private readAt = 0;
  private reading: Promise<DirectorySnapshot> | undefined;

  constructor(private readonly store: AccountStore, private readonly maxAgeMs: number, private readonly now: () => number = Date.now) {}

  async get(): Promise<DirectorySnapshot> {
    if (this.snapshot && this.now() - this.readAt < this.maxAgeMs) return this.snapshot;
    this.reading ??= this.read().finally(() => { this.reading = undefined; });
    try {
      return await this.reading;
    } catch (err) {
      if (this.snapshot) return this.snapshot;
      throw err;
    }
  }

  invalidate(): void {
    this.readAt = 0;
  }

  private async read(): Promise<DirectorySnapshot> {
    const [projects, members, keys, users] = await Promise.all([
      this.store.list('project'), this.store.list('member'), this.store.list('key'), this.store.list('user'),
    ]);
    const snapshot = {
      projects, members, userCount: users.length,
      keys: new Map(keys.filter((k) => k.revokedAt === undefined).map((k) => [k.key, k])),
    };
    this.snapshot = snapshot;
    this.readAt = this.now();
    return snapshot;
  }
}
