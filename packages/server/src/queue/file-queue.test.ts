import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileQueue } from './file-queue.js';
import { collect, runQueueContract } from './queue-contract.js';
import { silentLogger, tempDir, until } from '../../testing/test-support.js';
import { mountSmallDisk, type SmallDisk } from '../../testing/tmpfs.js';
import { DiskSpace } from '../pipeline/disk-space.js';
import { GoSightError } from '../errors/index.js';

const openQueue = (dir: string, segmentBytes = 1024 * 1024) =>
  FileQueue.open({ dir, segmentBytes, logger: silentLogger() });

runQueueContract({
  name: 'FileQueue',
  async create() {
    const dir = tempDir('queue');
    return { queue: await openQueue(dir), reopen: () => openQueue(dir) };
  },
});

test('FileQueue: a torn record at the tail (crash mid-write) is cut off and appends continue', async () => {
  const dir = tempDir('queue-torn');
  const q = await openQueue(dir);
  await q.publish('k', Buffer.from('acked-1'));
  await q.publish('k', Buffer.from('acked-2'));
  await q.close();
  const [segment] = readdirSync(dir).filter((n) => n.endsWith('.log'));
  // Half a record: a header that promises 100 bytes, then only 5.
  const torn = Buffer.alloc(13);
  torn.writeUInt32BE(100, 0);
  appendFileSync(join(dir, segment), torn);

  const again = await openQueue(dir);
  await again.publish('k', Buffer.from('acked-3'));
  const got = await collect(again, 'g', 3);
  await again.close();
  assert.deepEqual(got.map((m) => m.value.toString()), ['acked-1', 'acked-2', 'acked-3']);
  assert.deepEqual(got.map((m) => m.offset), [0, 1, 2]);
});

test('FileQueue: rolls segments and deletes those every group has committed past', async () => {
  const dir = tempDir('queue-roll');
  const q = await openQueue(dir, 1024);
  const value = Buffer.alloc(300, 7);
  for (let i = 0; i < 20; i++) await q.publish(`s${i}`, value);
  const segmentsBefore = readdirSync(dir).filter((n) => n.endsWith('.log')).length;
  assert.ok(segmentsBefore >= 5, `expected several segments, got ${segmentsBefore}`);
  const got = await collect(q, 'g', 20, async (sub, batch) => {
    const last = batch[batch.length - 1];
    await sub.commit(last.partition, last.offset + 1);
  });
  assert.equal(got.length, 20);
  assert.deepEqual(got.map((m) => m.offset), Array.from({ length: 20 }, (_, i) => i));
  const left = readdirSync(dir).filter((n) => n.endsWith('.log'));
  assert.equal(left.length, 1, `only the active segment stays, got ${left.join(', ')}`);
  await q.close();
  // Offsets continue after the deleted segments.
  const again = await openQueue(dir, 1024);
  await again.publish('after', Buffer.from('next'));
  const next = await collect(again, 'g', 1);
  assert.equal(next[0].offset, 20);
  assert.equal(next[0].value.toString(), 'next');
  await again.close();
});

test('FileQueue: concurrent publishes share fsyncs and all become durable', async () => {
  const dir = tempDir('queue-group');
  const q = await openQueue(dir);
  await Promise.all(Array.from({ length: 500 }, (_, i) => q.publish(`s${i % 7}`, Buffer.from(`v${i}`))));
  await q.close();
  const size = readdirSync(dir).filter((n) => n.endsWith('.log')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  assert.ok(size > 500 * 10);
  const again = await openQueue(dir);
  const got = await collect(again, 'g', 500);
  await again.close();
  assert.equal(new Set(got.map((m) => m.value.toString())).size, 500);
});

test('FileQueue: publishing after close is refused with a queue-unavailable error', async () => {
  const q = await openQueue(tempDir('queue-closed'));
  await q.close();
  await assert.rejects(q.publish('k', Buffer.from('x')), (e: Error & { code?: string }) => e.code === 'GOSIGHT_QUEUE_UNAVAILABLE');
});

test('FileQueue: a handler that fails gets the same batch again, nothing skipped', async () => {
  const q = await openQueue(tempDir('queue-retry'));
  for (const v of ['a', 'b', 'c']) await q.publish('k', Buffer.from(v));
  let calls = 0;
  const seen: string[] = [];
  const done = new Promise<void>((resolve) => {
    void q.subscribe('g', async (batch) => {
      calls++;
      if (calls <= 2) throw new Error('store down');
      seen.push(...batch.map((m) => m.value.toString()));
      if (seen.length >= 3) resolve();
    });
  });
  await done;
  assert.equal(calls, 3, 'two failures, then success');
  assert.deepEqual(seen, ['a', 'b', 'c']);
  await q.close();
});

test('FileQueue on a full disk: no ack without every byte written and synced; resumes by itself; acked records survive a restart exactly once',
  { skip: skipWithoutSmallDisk() }, async (t) => {
    const disk = mountSmallDisk(4 * 1024 * 1024) as SmallDisk;
    t.after(() => disk.unmount());
    const dir = join(disk.dir, 'queue');
    let q = await openQueue(dir);
    const acked: string[] = [];
    const refused: unknown[] = [];
    const publishAll = async (prefix: string, n: number) => Promise.all(Array.from({ length: n }, async (_, i) => {
      const value = Buffer.alloc(150_000);
      value.write(`${prefix}-${i}`);
      try {
        await q.publish(`k${i}`, value);
        acked.push(`${prefix}-${i}`);
      } catch (err) {
        refused.push(err);
      }
    }));
    disk.fill(1_000_000);
    // No reserve here: the writes themselves hit ENOSPC, mid-group and mid-record.
    await publishAll('full', 30);
    assert.ok(refused.length > 0, 'some appends were refused');
    assert.ok(refused.every((e) => e instanceof GoSightError && e.code === 'GOSIGHT_DISK_FULL' && e.statusCode === 503));
    const ackedWhileFull = acked.length;
    disk.free();
    await publishAll('after', 5);
    assert.equal(acked.length, ackedWhileFull + 5, 'appends succeed again once space returns, without a restart');
    const read = async (queue: FileQueue) => (await collect(queue, 'g', acked.length)).map((m) => m.value.toString('utf8', 0, m.value.indexOf(0)));
    assert.deepEqual((await read(q)).sort(), [...acked].sort(), 'exactly the acked records, before a restart');
    await q.close();
    q = await openQueue(dir);
    assert.deepEqual((await read(q)).sort(), [...acked].sort(), 'and after one');
    assert.equal(q.endOffset(), acked.length, 'nothing but the acked records');
    await q.close();
  });

test('FileQueue with a disk reserve: refuses with DISK_FULL while free space is under it, accepts again when space returns', async () => {
  let free = 10_000_000;
  const disk = new DiskSpace('/data', 5_000_000, { refreshMs: 0, probe: async () => ({ freeBytes: free, totalBytes: 20_000_000 }) });
  const q = await FileQueue.open({ dir: tempDir('queue-reserve'), segmentBytes: 1 << 20, logger: silentLogger(), disk });
  await q.publish('k', Buffer.from('fits'));
  free = 5_000_100;
  await assert.rejects(q.publish('k', Buffer.alloc(1_000)), (e: GoSightError) => e.code === 'GOSIGHT_DISK_FULL' && /not enough for this batch and the 5000000-byte reserve/.test(e.message));
  assert.equal(disk.snapshot().full, true, 'a refusal for lack of room marks the disk full');
  free = 4_000_000;
  await assert.rejects(q.publish('k', Buffer.from('x')));
  assert.equal(disk.snapshot().full, true);
  free = 9_000_000;
  await q.publish('k', Buffer.from('back'));
  assert.deepEqual((await collect(q, 'g', 2)).map((m) => m.value.toString()), ['fits', 'back']);
  await q.close();
});

function skipWithoutSmallDisk(): string | false {
  const probe = mountSmallDisk(1024 * 1024);
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return false;
}

test('FileQueue: a record damaged under a running consumer is reported, retried, never skipped', async () => {
  const dir = tempDir('queue-damaged');
  const q = await openQueue(dir);
  for (const v of ['first', 'second', 'third']) await q.publish('k', Buffer.from(v));
  const [segment] = readdirSync(dir).filter((n) => n.endsWith('.log'));
  // Flip one byte inside the second record's body (each record: 8-byte header, 2-byte key length, key, value).
  const path = join(dir, segment);
  const bytes = readFileSync(path);
  const secondBody = bytes.indexOf('second');
  bytes[secondBody] ^= 0xff;
  writeFileSync(path, bytes);
  const delivered: string[] = [];
  const errors: string[] = [];
  const sub = await q.subscribe('g', async (batch) => { for (const m of batch) delivered.push(m.value.toString()); });
  sub.onError?.((err) => errors.push((err as Error).message));
  await until('two read errors reported', () => errors.length >= 2 || undefined, 5_000);
  await sub.stop();
  await q.close();
  assert.deepEqual(delivered, ['first'], 'nothing past the damage is delivered, and nothing skipped');
  assert.match(errors[0], /is unreadable at byte \d+ \(offset 1\)/);
});

test('FileQueue: a publisher\'s decoding goes with the first delivery of its message, within its cap; never after a restart', async () => {
  const dir = tempDir('queue-decoded');
  const q = await FileQueue.open({ dir, segmentBytes: 1024 * 1024, logger: silentLogger(), maxDecodedBytes: 100 });
  await q.publish('k', Buffer.from('a'), { value: { parsed: 'a' }, bytes: 60 });
  await q.publish('k', Buffer.from('b'), { value: { parsed: 'b' }, bytes: 60 }); // past the cap: not held
  await q.publish('k', Buffer.from('c'));
  const got = await collect(q, 'g', 3);
  assert.deepEqual(got.map((m) => m.decoded), [{ parsed: 'a' }, undefined, undefined]);

  // Delivered again (a handler that failed, another group): decoded from the bytes.
  const again = await collect(q, 'g', 3, async (sub) => sub.commit(0, 1));
  assert.equal(again[0].decoded, undefined);
  // Handed over, so the cap has room again.
  await q.publish('k', Buffer.from('d'), { value: { parsed: 'd' }, bytes: 60 });
  const after = await collect(q, 'h', 4);
  assert.deepEqual(after.map((m) => m.decoded), [undefined, undefined, undefined, { parsed: 'd' }]);
  await q.close();

  const reopened = await FileQueue.open({ dir, segmentBytes: 1024 * 1024, logger: silentLogger() });
  const fromDisk = await collect(reopened, 'g', 3);
  assert.ok(fromDisk.every((m) => m.decoded === undefined), 'a restart decodes from the bytes');
  assert.deepEqual(fromDisk.map((m) => m.value.toString()), ['b', 'c', 'd']);
  await reopened.close();
});
