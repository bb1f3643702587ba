import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiskSpace } from './disk-space.js';

test('free space is read at most once per interval, lowered by what was written since; a "no" is confirmed by a fresh reading', async () => {
  let reads = 0;
  let now = 0;
  let free = 1_000;
  const disk = new DiskSpace('/d', 100, { refreshMs: 1_000, now: () => now, probe: async () => { reads++; return { freeBytes: free, totalBytes: 5_000 }; } });
  assert.equal(await disk.hasRoomFor(400), true);
  disk.noteWritten(400);
  assert.equal(await disk.hasRoomFor(400), true, '1000 - 400 - 400 leaves the reserve');
  assert.equal(reads, 1, 'no new reading within the interval');
  disk.noteWritten(400);
  free = 200;
  assert.equal(await disk.hasRoomFor(150), false, 'the estimate says no, and so does a fresh reading');
  assert.equal(reads, 2);
  free = 900;
  now = 1_000;
  assert.equal(await disk.hasRoomFor(150), true, 'space came back');
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

test('refusing a write for lack of room marks the disk full, even with no reserve; a new reading with more space clears it', async () => {
  let free = 1_000;
  const disk = new DiskSpace('/d', 0, { refreshMs: 0, probe: async () => ({ freeBytes: free, totalBytes: 5_000 }) });
  assert.equal(await disk.hasRoomFor(2_000), false);
  assert.equal(disk.snapshot().full, true);
  free = 10_000;
  assert.equal(await disk.hasRoomFor(2_000), true);
  assert.equal(disk.snapshot().full, false);
});
