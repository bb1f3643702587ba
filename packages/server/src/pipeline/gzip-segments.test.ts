import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { assembleGzip, compressSegment, type SegmentTotals } from './gzip-segments.js';

/** JSON events as a chunk holds them: `[` first, `,` between, `]` added at read time. */
async function chunkOf(batches: string[][], level = 6) {
  const parts: Buffer[] = [];
  let totals: SegmentTotals | undefined;
  let first = true;
  for (const events of batches) {
    const raw = Buffer.from(events.map((e) => { const s = (first ? '[' : ',') + e; first = false; return s; }).join(''));
    const segment = await compressSegment(raw, totals, level);
    parts.push(segment.bytes);
    totals = segment.totals;
  }
  return { gz: assembleGzip(parts, totals, Buffer.from(first ? '[]' : ']')), parts };
}

const event = (i: number) => JSON.stringify({ type: 3, timestamp: 1_700_000_000_000 + i, data: { source: 0, adds: [{ node: { id: i, textContent: `row ${i} ✓ ünï` } }] } });

test('parts compressed one at a time join into one gzip member that inflates to the whole chunk', async () => {
  const batches = Array.from({ length: 30 }, (_, b) => Array.from({ length: 1 + (b % 7) }, (_, i) => event(b * 10 + i)));
  const { gz } = await chunkOf(batches);
  const expected = `[${batches.flat().join(',')}]`;
  assert.equal(gunzipSync(gz).toString('utf8'), expected);
  assert.deepEqual(JSON.parse(gunzipSync(gz).toString('utf8')), JSON.parse(expected));
});

test('a chunk of one part, of incompressible bytes, and with no event at all', async () => {
  assert.equal(gunzipSync((await chunkOf([[event(1)]])).gz).toString(), `[${event(1)}]`);
  const noise = JSON.stringify(randomBytes(200_000).toString('base64'));
  assert.equal(gunzipSync((await chunkOf([[noise], [noise]])).gz).toString(), `[${noise},${noise}]`);
  assert.equal(gunzipSync((await chunkOf([])).gz).toString(), '[]');
});

test('the trailer is checked: a part left out or reordered is a gzip error, not a silently wrong chunk', async () => {
  const { parts } = await chunkOf([[event(1)], [event(2)], [event(3)]]);
  const full = await chunkOf([[event(1)], [event(2)], [event(3)]]);
  const withoutMiddle = Buffer.concat([full.gz.subarray(0, 10), parts[0], parts[2], full.gz.subarray(full.gz.length - 14)]);
  assert.throws(() => gunzipSync(withoutMiddle));
});

test('compressing in parts costs little size against one gzip of the whole chunk', async () => {
  const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 25 }, (_, i) => event(b * 100 + i)));
  const whole = gzipSync(Buffer.from(`[${batches.flat().join(',')}]`), { level: 6 });
  const { gz } = await chunkOf(batches);
  assert.ok(gz.length < whole.length * 1.15, `${gz.length} bytes in parts against ${whole.length} whole`);
});
