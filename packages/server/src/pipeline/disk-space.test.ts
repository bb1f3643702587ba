import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiskSpace } from './disk-space.js';

test('free space is read at most once per interval and lowered by what was written since', async () => {
  let reads = 0;
  let now = 0;
  const disk = new DiskSpace('/d', 100, { refreshMs: 1_000, now: () => now, probe: async () => { reads++; return { freeBytes: 1_000, totalBytes: 5_000 }; } });
  assert.equal(await disk.hasRoomFor(800), true);
  disk.noteWritten(800);
  assert.equal(await disk.hasRoomFor(200), false, '1000 - 800 - 200 leaves less than the 100-byte reserve');
  assert.equal(reads, 1);
  now = 1_000;
  assert.equal(await disk.hasRoomFor(200), true, 'a new reading replaces the estimate');
  assert.equal(reads, 2);
});

test('a write that failed for lack of space marks the disk full, even with no reserve, until space is freed', async () => {
  let free = 50;
  const changes: boolean[] = [];
  const disk = new DiskSpace('/d', 0, { refreshMs: 0, probe: async () => ({ freeBytes: free, totalBytes: 5_000 }), onChange: (r) => changes.push(r.full) });
  await disk.refresh();
  assert.equal(disk.snapshot().full, false);
  await disk.noteFull();
  assert.equal(disk.snapshot().full, true);
  await disk.refresh();
  assert.equal(disk.snapshot().full, true, 'no more space yet');
  free = 4_000;
  await disk.refresh();
  assert.equal(disk.snapshot().full, false);
  assert.deepEqual(changes, [true, false]);
});
