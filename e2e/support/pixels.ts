import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

export interface PixelDiff {
  width: number;
  height: number;
  differing: number;
  ratio: number;
}

/**
 * Compares two same-size PNG screenshots with pixelmatch (anti-aliasing tolerant) and
 * writes both and the diff image under `outDir` for inspection.
 */
export function comparePngs(a: Buffer, b: Buffer, outDir: string, name: string): PixelDiff {
  const left = PNG.sync.read(a);
  const right = PNG.sync.read(b);
  if (left.width !== right.width || left.height !== right.height) {
    throw new Error(`${name}: sizes differ: live ${left.width}x${left.height}, replay ${right.width}x${right.height}`);
  }
  const { width, height } = left;
  const diff = new PNG({ width, height });
  const differing = pixelmatch(left.data, right.data, diff.data, width, height, { threshold: 0.1 });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}-live.png`), a);
  writeFileSync(join(outDir, `${name}-replay.png`), b);
  writeFileSync(join(outDir, `${name}-diff.png`), PNG.sync.write(diff));
  return { width, height, differing, ratio: differing / (width * height) };
}
