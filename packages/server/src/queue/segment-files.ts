import { constants } from 'node:fs';
import { open, readdir, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecord } from './record-codec.js';

/** One log file of the embedded queue; its name is the offset of its first record. */
export interface Segment {
  baseOffset: number;
  path: string;
  /** Records in the segment that are durable on disk. */
  count: number;
  /** Bytes of the segment that are durable on disk. */
  size: number;
}

const SEGMENT_SUFFIX = '.log';

export const segmentPath = (dir: string, baseOffset: number): string =>
  join(dir, `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`);

/**
 * Finds the segments in `dir` and counts their valid records. A torn or corrupt tail
 * (a crash mid-write, before the ack) is cut off, so appends continue after the last
 * good record; `onTruncate` reports how many bytes went.
 */
export async function recoverSegments(
  dir: string,
  onTruncate: (path: string, keptBytes: number, droppedBytes: number) => void,
): Promise<Segment[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(SEGMENT_SUFFIX)).sort();
  const segments: Segment[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const buf = await readFile(path);
    let pos = 0;
    let count = 0;
    for (;;) {
      const r = decodeRecord(buf, pos);
      if (r.kind !== 'record') break;
      pos += r.size;
      count++;
    }
    if (pos < buf.length) {
      await truncate(path, pos);
      onTruncate(path, pos, buf.length - pos);
    }
    segments.push({ baseOffset: Number(name.slice(0, -SEGMENT_SUFFIX.length)), path, count, size: pos });
  }
  return segments;
}

/**
 * Opens a segment for writing at explicit positions (not O_APPEND: on Linux that ignores the
 * position) and fsyncs its directory so the new file itself is durable.
 */
export async function openForAppend(dir: string, path: string): Promise<FileHandle> {
  const fh = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o644);
  await fsyncDir(dir);
  return fh;
}

export async function fsyncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
