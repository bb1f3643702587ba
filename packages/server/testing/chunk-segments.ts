import type { StoredChunk } from '../src/store/index.js';
import { assembledGzipBytes, compressSegment, type SegmentTotals } from '../src/pipeline/gzip-segments.js';

export type SegmentFields = Pick<StoredChunk, 'newSegments' | 'segmentIds' | 'dataCrc' | 'dataSize' | 'compressedSize'>;

/**
 * The segment fields of a chunk row whose JSON array is `events`, written in `writes`
 * writes (as the processor does: the first starts with `[`, the closing `]` is the reader's).
 * Segment ids are `firstId`, `firstId + 1`, …; every segment is new.
 */
export async function segmentsOf(events: readonly unknown[], writes = 1, firstId = 1): Promise<SegmentFields> {
  const per = Math.ceil(events.length / writes);
  let totals: SegmentTotals | undefined;
  const newSegments: StoredChunk['newSegments'] = [];
  for (let w = 0; w < writes; w++) {
    const part = events.slice(w * per, (w + 1) * per).map((e) => JSON.stringify(e)).join(',');
    const segment = await compressSegment(Buffer.from((w === 0 ? '[' : ',') + part), totals, 6);
    newSegments.push({ id: firstId + w, bytes: segment.bytes });
    totals = segment.totals;
  }
  return {
    newSegments,
    segmentIds: newSegments.map((s) => s.id),
    dataCrc: totals!.crc,
    dataSize: totals!.rawBytes + 1,
    compressedSize: assembledGzipBytes(newSegments.reduce((n, s) => n + s.bytes.length, 0), 1),
  };
}
