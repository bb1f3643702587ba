/**
 * Versions for ReplacingMergeTree rows: strictly increasing within the process and above
 * any version already stored, so a rewrite always wins over what it replaces.
 */
export class VersionClock {
  private last = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  next(atLeastAbove: number): number {
    const v = Math.max(this.clock() * 1000, this.last + 1, atLeastAbove + 1);
    this.last = v;
    return v;
  }
}
