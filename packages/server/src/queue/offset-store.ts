import { readFile, readdir, rename, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';

const OFFSET_SUFFIX = '.offset';

/** Committed offsets of the embedded queue's consumer groups, one small file per group. */
export class OffsetStore {
  constructor(private readonly dir: string) {}

  /** The group's next offset to consume, or `undefined` if it never committed. */
  async read(group: string): Promise<number | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.path(group), 'utf8')) as { nextOffset: number };
      return parsed.nextOffset;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Writes atomically (temp file, fsync, rename) so a crash leaves the old or the new value. */
  async write(group: string, nextOffset: number): Promise<void> {
    const tmp = `${this.path(group)}.tmp`;
    await writeFile(tmp, JSON.stringify({ nextOffset }));
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.path(group));
  }

  /** Lowest committed offset over all groups; segments below it can be deleted. */
  async lowestCommitted(): Promise<number | undefined> {
    const groups = (await readdir(this.dir)).filter((n) => n.endsWith(OFFSET_SUFFIX));
    let lowest: number | undefined;
    for (const name of groups) {
      const value = await this.read(name.slice(0, -OFFSET_SUFFIX.length));
      if (value !== undefined && (lowest === undefined || value < lowest)) lowest = value;
    }
    return lowest;
  }

  private path(group: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(group)) throw new RangeError(`invalid consumer group name "${group}"`);
    return join(this.dir, `${group}${OFFSET_SUFFIX}`);
  }
}
