import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { startCephRgw, type CephRgw } from '../../testing/ceph-rgw.js';
import { S3ColdStore } from './s3-cold-store.js';
import { runColdStoreContract } from './cold-store-contract.js';

// A real S3 server: single-node Ceph radosgw (Debian packages ceph-mon, ceph-osd, radosgw;
// npm test installs them when run as root). Without them startCephRgw fails with that hint.

let rgw: CephRgw;
let s3: S3Client;
let store: S3ColdStore;
let startupMs = 0;

before(async () => {
  const t0 = performance.now();
  rgw = await startCephRgw();
  startupMs = performance.now() - t0;
  s3 = new S3Client({
    endpoint: rgw.endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey },
  });
  store = new S3ColdStore({
    endpoint: rgw.endpoint, region: 'us-east-1', bucket: 'gosight-contract',
    accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey, forcePathStyle: true,
  });
  await store.ensureBucket();
});

// Only a fallback when a test failed before the last one; stop() is idempotent.
after(async () => {
  s3?.destroy();
  store?.close();
  await rgw?.stop();
});

test('radosgw: create bucket, put, get, range, list with prefix, delete', async (t) => {
  t.diagnostic(`Ceph radosgw ready in ${Math.round(startupMs)} ms at ${rgw.endpoint}`);
  const Bucket = 'gosight-harness';
  await s3.send(new CreateBucketCommand({ Bucket }));
  const body = randomBytes(300 * 1024);
  const key = 'proj-1/2026/11/chunk-0001.gz';
  await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: body.length }));
  await s3.send(new PutObjectCommand({ Bucket, Key: 'proj-2/other.gz', Body: Buffer.from('x') }));

  const got = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body), 'byte-exact round trip');

  const range = await s3.send(new GetObjectCommand({ Bucket, Key: key, Range: 'bytes=1000-99999' }));
  assert.ok(Buffer.from(await range.Body!.transformToByteArray()).equals(body.subarray(1000, 100_000)), 'byte-exact range');

  const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'proj-1/' }));
  assert.deepEqual(listed.Contents?.map((o) => [o.Key, o.Size]), [[key, body.length]]);

  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
  const emptied = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'proj-1/' }));
  assert.equal(emptied.KeyCount, 0);
  await assert.rejects(s3.send(new GetObjectCommand({ Bucket, Key: key })), (err: Error) => err.name === 'NoSuchKey');
});

runColdStoreContract('S3ColdStore on Ceph radosgw', async () => store);

test('stop() stops every Ceph daemon', async (t) => {
  assert.equal(rgw.pids.length, 3);
  assert.equal(rgw.pids.filter(isCephDaemon).length, 3, 'monitor, OSD and radosgw run before stop()');
  const t0 = performance.now();
  await rgw.stop();
  t.diagnostic(`stopped in ${Math.round(performance.now() - t0)} ms`);
  const left = rgw.pids.filter(isCephDaemon);
  assert.deepEqual(left, [], `Ceph daemons still running after stop(): ${left.join(', ')}`);
  await rgw.stop(); // idempotent
});

/** True if `pid` is a live (not zombie) ceph-mon, ceph-osd or radosgw process. */
function isCephDaemon(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const m = /^\d+ \((.*)\) (\S)/.exec(stat);
    return !!m && m[2] !== 'Z' && /^(ceph-mon|ceph-osd|radosgw)/.test(m[1]);
  } catch {
    return false;
  }
}
