import { statfs } from 'node:fs/promises';

/** What a disk-space reading says, for health and metrics. */
export interface DiskSpaceReading {
  path: string;
  freeBytes: number;
  totalBytes: number;
  reserveBytes: number;
  /** Free space is under the reserve: writers that can wait are refused. */
  full: boolean;
}

/** Reads of one filesystem's free space; `statfs` in production, a stub in tests. */
export type FreeSpaceProbe = (path: string) => Promise<{ freeBytes: number; totalBytes: number }>;

const statfsProbe: FreeSpaceProbe = async (path) => {
  const s = await statfs(path);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
};

/**
 * Free space on the filesystem of a data directory, against a reserve kept for the store.
 * The embedded queue asks before every append: it refuses (and the ingest answers 503)
 * while free space is under the reserve, so the processor still has room to move queued
 * batches into the store, which frees the queue's space again. Readings are cached for
 * `refreshMs` and lowered by what was written since, so the check costs one `statfs` a
 * second under load, not one per request.
 */
export class DiskSpace {
  private reading: { freeBytes: number; totalBytes: number; at: number } | undefined;
  private writtenSince = 0;
  private refreshing: Promise<void> | undefined;
  /** Free bytes when a write last failed for lack of space; the disk counts as full until there is more. */
  private exhaustedAt: number | undefined;

  constructor(
    readonly path: string,
    readonly reserveBytes: number,
    private readonly opts: { refreshMs?: number; probe?: FreeSpaceProbe; now?: () => number; onChange?: (r: DiskSpaceReading) => void } = {},
  ) {}

  /**
   * Whether `bytes` more can be written and still leave the reserve free. A "no" from the
   * estimate is confirmed by a fresh reading (space may have been freed since), and then
   * marks the disk full until space is freed.
   */
  async hasRoomFor(bytes: number): Promise<boolean> {
    const now = (this.opts.now ?? Date.now)();
    if (!this.reading || now - this.reading.at >= (this.opts.refreshMs ?? 1_000)) await this.refresh();
    if (this.estimatedFree() - bytes >= this.reserveBytes) return true;
    if (this.writtenSince > 0) await this.refresh();
    if (this.estimatedFree() - bytes >= this.reserveBytes) return true;
    this.markExhausted();
    return false;
  }

  /** Counts bytes written since the last reading (the next check subtracts them). */
  noteWritten(bytes: number): void {
    this.writtenSince += bytes;
  }

  /** A write failed for lack of space (ENOSPC): full whatever the reserve, until space is freed. */
  async noteFull(): Promise<void> {
    await this.refresh();
    this.markExhausted();
  }

  private markExhausted(): void {
    const wasFull = this.snapshot().full;
    this.exhaustedAt = this.reading?.freeBytes ?? 0;
    if (!wasFull) this.opts.onChange?.(this.snapshot());
  }

  /** Reads the filesystem now. */
  async refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const wasFull = this.reading ? this.snapshot().full : false;
      const r = await (this.opts.probe ?? statfsProbe)(this.path);
      this.reading = { ...r, at: (this.opts.now ?? Date.now)() };
      this.writtenSince = 0;
      if (this.exhaustedAt !== undefined && r.freeBytes > this.exhaustedAt) this.exhaustedAt = undefined;
      if (this.snapshot().full !== wasFull) this.opts.onChange?.(this.snapshot());
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The last reading, less what was written since. */
  snapshot(): DiskSpaceReading {
    const freeBytes = Math.max(0, this.estimatedFree());
    return {
      path: this.path, freeBytes, totalBytes: this.reading?.totalBytes ?? 0, reserveBytes: this.reserveBytes,
      full: this.reading !== undefined && (freeBytes < this.reserveBytes || this.exhaustedAt !== undefined),
    };
  }

  private estimatedFree(): number {
    return (this.reading?.freeBytes ?? Infinity) - this.writtenSince;
  }
}
