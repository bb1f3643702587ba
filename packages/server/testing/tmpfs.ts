import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './test-support.js';

export interface SmallDisk {
  dir: string;
  /** Writes a ballast file until at most `leaveBytes` are free. */
  fill(leaveBytes: number): void;
  /** Deletes the ballast: space comes back. */
  free(): void;
  freeBytes(): number;
  unmount(): void;
}

/**
 * A tmpfs of `sizeBytes` mounted on a new temporary directory: a disk that really fills up,
 * for the disk-full tests. Needs root (CI runs as root); otherwise returns why not, for the
 * test's skip message.
 */
export function mountSmallDisk(sizeBytes: number): SmallDisk | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs (CI runs as root): run the tests as root to include it';
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return `cannot mount a tmpfs here: ${(err as Error).message.split('\n')[0]}`;
  }
  const ballast = join(dir, 'ballast');
  const freeBytes = () => { const s = statfsSync(dir); return s.bavail * s.bsize; };
  return {
    dir,
    freeBytes,
    fill(leaveBytes) {
      const fd = openSync(ballast, 'a');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (let free = freeBytes(); free > leaveBytes; free = freeBytes()) {
          writeSync(fd, block, 0, Math.min(block.length, Math.max(4096, free - leaveBytes)));
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(ballast, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
