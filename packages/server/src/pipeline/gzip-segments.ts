import { constants, crc32, deflateRaw } from 'node:zlib';
import { promisify } from 'node:util';

const deflateRawAsync = promisify(deflateRaw);

/** Where the bytes compressed so far stand: the CRC-32 and length of all raw bytes before. */
export interface SegmentTotals {
  crc: number;
  rawBytes: number;
  /** The last raw bytes before (at most deflate's 32 KiB window): the next part may refer back into them. */
  window: Buffer;
}

/** Deflate's window: how far back a part may refer. */
const WINDOW_BYTES = 32 * 1024;

export interface GzipSegment {
  /** Raw-deflate blocks ending on a sync flush: byte-aligned, not final, so more can follow. */
  bytes: Buffer;
  /** Totals after this segment, for the next segment and for the trailer. */
  totals: SegmentTotals;
}

/** A 10-byte gzip member header: deflate, no name, no time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** Largest tail one stored block can carry. */
const MAX_TAIL_BYTES = 0xffff;

/**
 * Compresses `raw` as the next part of a gzip member that grows by appending: raw-deflate
 * blocks ended with a sync flush, byte-aligned and not final. Deflate blocks follow one
 * another across such a boundary, so parts compressed at different times, even by
 * different processes, join into one valid stream. The part starts with the previous raw
 * bytes as its dictionary: the inflater has just produced them, so references back into
 * them are valid, and the ratio stays close to compressing the whole chunk at once. Each
 * byte is compressed once, when its part is written.
 */
export async function compressSegment(raw: Buffer, before: SegmentTotals | undefined, level: number): Promise<GzipSegment> {
  const dictionary = before?.window.length ? { dictionary: before.window } : {};
  const bytes = await deflateRawAsync(raw, { level, finishFlush: constants.Z_SYNC_FLUSH, ...dictionary });
  const window = raw.length >= WINDOW_BYTES ? raw.subarray(raw.length - WINDOW_BYTES)
    : Buffer.concat([before?.window ?? Buffer.alloc(0), raw]).subarray(-WINDOW_BYTES);
  return {
    bytes,
    totals: { crc: crc32(raw, before?.crc ?? 0), rawBytes: (before?.rawBytes ?? 0) + raw.length, window: Buffer.from(window) },
  };
}

/**
 * The totals after `raw`, for appending to content compressed earlier (by this process or
 * another): its CRC-32 (`crc`, known from where it is stored), its length, and its last
 * 32 KiB as the next part's dictionary.
 */
export function totalsAfter(raw: Buffer, crc: number): SegmentTotals {
  return { crc, rawBytes: raw.length, window: Buffer.from(raw.subarray(Math.max(0, raw.length - WINDOW_BYTES))) };
}

/**
 * One gzip member from parts in order: the header, the parts' deflate blocks, a final
 * stored block holding `tail` (what closes the content, e.g. `]`), and the trailer (CRC-32
 * and length of everything, tail included). The browser inflates it as any gzip body.
 */
export function assembleGzip(parts: readonly Buffer[], last: Pick<SegmentTotals, 'crc' | 'rawBytes'> | undefined, tail: Buffer): Buffer {
  if (tail.length > MAX_TAIL_BYTES) throw new RangeError(`a gzip tail holds at most ${MAX_TAIL_BYTES} bytes`);
  const final = Buffer.alloc(5);
  final[0] = 0x01; // BFINAL = 1, BTYPE = 00 (stored); the stream is byte-aligned after a sync flush
  final.writeUInt16LE(tail.length, 1);
  final.writeUInt16LE(~tail.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, last?.crc ?? 0), 0);
  trailer.writeUInt32LE(((last?.rawBytes ?? 0) + tail.length) % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...parts, final, tail, trailer]);
}

/** Size of the member `assembleGzip` makes from parts of `partBytes` in all and `tailBytes` of tail. */
export const assembledGzipBytes = (partBytes: number, tailBytes: number): number => GZIP_HEADER.length + partBytes + 5 + tailBytes + 8;
