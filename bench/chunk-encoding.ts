import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReplayBatch } from '@gosight/shared';
import { assembleGzip, compressSegment, type SegmentTotals } from '../packages/server/src/pipeline/gzip-segments.js';
import type { Recording } from './recordings/record-apps.js';

/**
 * `npm run bench:chunk-encoding`: on the recorded app sessions (`npm run bench:ingest` makes
 * them), what storing a chunk costs when a flush follows every batch: gzip of the whole open
 * chunk again at each flush, against compressing only the new events as an appended part
 * (pipeline/gzip-segments.ts). CPU of the process, size of the stored chunks.
 */
const file = fileURLToPath(new URL('../.bench/recordings.json', import.meta.url));
if (!existsSync(file)) throw new Error('no recordings yet: run npm run bench:ingest first');
const { recordings } = JSON.parse(readFileSync(file, 'utf8')) as { recordings: Recording[] };

const cpu = async (work: () => unknown): Promise<number> => {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

let whole = { cpu: 0, bytes: 0 };
let parts = { cpu: 0, bytes: 0 };
let raw = 0;
for (const { batches } of recordings) {
  let chunk: string[] = [];
  let segments: Buffer[] = [];
  let totals: SegmentTotals | undefined;
  let lastWhole = Buffer.alloc(0);
  const close = () => {
    if (chunk.length === 0) return;
    const gz = assembleGzip(segments, totals, Buffer.from(']'));
    if (gunzipSync(gz).toString() !== `[${chunk.join(',')}]`) throw new Error('the parts do not inflate to the chunk');
    parts = { ...parts, bytes: parts.bytes + gz.length };
    whole = { ...whole, bytes: whole.bytes + lastWhole.length };
    chunk = [];
    segments = [];
    totals = undefined;
  };
  for (const batch of batches as ReplayBatch[]) {
    // The SDK cuts batches at full snapshots: a batch opening with Meta starts a new chunk.
    if (batch.events[0]?.type === 4) close();
    const json = batch.events.map((e) => JSON.stringify(e));
    raw += json.reduce((n, s) => n + s.length, 0);
    whole.cpu += await cpu(() => {
      chunk.push(...json);
      lastWhole = gzipSync(Buffer.from(`[${chunk.join(',')}]`), { level: 6 });
    });
    parts.cpu += await cpu(async () => {
      const segment = await compressSegment(Buffer.from((segments.length ? ',' : '[') + json.join(',')), totals, 6);
      segments.push(segment.bytes);
      totals = segment.totals;
    });
  }
  close();
}
console.log(`${recordings.length} recordings, ${(raw / 1e6).toFixed(1)} MB of events; a flush after every batch`);
console.log(`whole open chunk gzipped again at each flush: ${whole.cpu.toFixed(2)} CPU-s, ${(whole.bytes / 1e6).toFixed(2)} MB stored`);
console.log(`only the new events, appended as a part:      ${parts.cpu.toFixed(2)} CPU-s, ${(parts.bytes / 1e6).toFixed(2)} MB stored`);
