import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ReplayBatch, RrwebEvent } from '@gosight/shared';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, postBatch, waitFor } from './support/api-client.js';
import { mountSmallDisk, type SmallDisk } from '../packages/server/testing/tmpfs.js';

const KEY = 'gs_disk_full_test';
const MiB = 1024 * 1024;

/** A session whose batches are ~150 KB of incompressible text each, so a few of them fill a small disk. */
function bulkySession(batches: number): { sessionId: string; batches: ReplayBatch[] } {
  const sessionId = randomUUID();
  let t = Date.now() - 60_000;
  const out: ReplayBatch[] = [];
  for (let seq = 0; seq < batches; seq++) {
    const events: RrwebEvent[] = seq === 0
      ? [{ type: 4, timestamp: ++t, data: { href: 'https://shop.test/', width: 1280, height: 800 } }, { type: 2, timestamp: ++t, data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } } }]
      : [];
    for (let i = 0; i < 10; i++) {
      events.push({ type: 3, timestamp: ++t, data: { source: 0, texts: [{ id: 2, value: randomBytes(11_000).toString('base64') }], adds: [], removes: [], attributes: [] } });
    }
    out.push({ sessionId, seq, events });
  }
  return { sessionId, batches: out };
}

/** A post whose connection failed counts as status 0, like the SDK sees it. */
const post = (url: string, batch: ReplayBatch) => postBatch(url, KEY, batch).catch(() => ({ status: 0, code: undefined, retryAfter: null }));

async function assertExactlyOnce(url: string, session: { sessionId: string; batches: ReplayBatch[] }, acked: Set<number>): Promise<void> {
  const expected = session.batches.filter((b) => acked.has(b.seq)).flatMap((b) => b.events);
  await waitFor('every acked event readable', async () => {
    const m = await fetchManifest(url, session.sessionId);
    return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) >= expected.length ? true : undefined;
  }, 60_000, 250);
  const got = (await fetchAllEvents(url, session.sessionId)).chunks.flat();
  assert.equal(got.length, expected.length, 'as many events as were acked');
  assert.deepEqual(got.map((e) => e.timestamp), expected.map((e) => e.timestamp), 'each acked event once, in order');
  assert.deepEqual(got, expected, 'byte for byte');
}

function smallDiskOrSkip(): SmallDisk | string {
  return mountSmallDisk(48 * MiB);
}

const probe = smallDiskOrSkip();
const skip = typeof probe === 'string' ? probe : false;
if (typeof probe !== 'string') probe.unmount();

test('a full disk: nothing unwritten is acked (503, Retry-After); once space returns every acked event is readable exactly once, without and after a restart',
  { skip, timeout: 300_000 }, async (t) => {
    const disk = smallDiskOrSkip() as SmallDisk;
    const dataDir = join(disk.dir, 'data');
    // No reserve: appends run into the full disk itself, as when something else fills it.
    let server: ServerProcess = await startServerProcess({ dataDir, projectKey: KEY, extraArgs: ['--disk-reserve-bytes', '0'] });
    t.after(async () => { await server.stop(); disk.unmount(); });
    const session = bulkySession(40);
    const acked = new Set<number>();
    const answers = new Map<string, number>();
    const count = (r: { status: number; code?: string }) => answers.set(`${r.status} ${r.code ?? ''}`.trim(), (answers.get(`${r.status} ${r.code ?? ''}`.trim()) ?? 0) + 1);

    for (const b of session.batches.slice(0, 10)) {
      const r = await post(server.url, b);
      count(r);
      assert.equal(r.status, 200);
      acked.add(b.seq);
    }
    disk.fill(400 * 1024);
    const refused: ReplayBatch[] = [];
    for (const b of session.batches.slice(10, 30)) {
      const r = await post(server.url, b);
      count(r);
      if (r.status === 200) acked.add(b.seq);
      else {
        assert.equal(r.status, 503, `a full disk is a 503, not ${r.status}`);
        assert.equal(r.code, 'GOSIGHT_DISK_FULL');
        assert.equal(r.retryAfter, '30');
        refused.push(b);
      }
    }
    assert.ok(refused.length >= 15, `most batches were refused while the disk was full (${refused.length} of 20)`);
    const during = await (await fetch(`${server.url}/api/health`)).json() as { ok: boolean; problems: string[] };
    t.diagnostic(`while full: ${JSON.stringify(Object.fromEntries(answers))}; health ok=${during.ok} ${JSON.stringify(during.problems)}`);
    assert.equal(during.ok, false, 'health says the disk is full');

    disk.free();
    // Like the SDK: what was refused is sent again, then the rest of the session.
    for (const b of [...refused, ...session.batches.slice(30)]) {
      const r = await waitFor(`batch ${b.seq} acked once space is back`, async () => {
        const answer = await post(server.url, b);
        return answer.status === 200 ? answer : undefined;
      }, 30_000, 250);
      count(r);
      acked.add(b.seq);
    }
    assert.equal(acked.size, 40);
    await assertExactlyOnce(server.url, session, acked);
    await server.stop();
    server = await startServerProcess({ dataDir, projectKey: KEY, extraArgs: ['--disk-reserve-bytes', '0'] });
    await assertExactlyOnce(server.url, session, acked);
    const health = await (await fetch(`${server.url}/api/health`)).json() as { ok: boolean };
    assert.equal(health.ok, true);
    t.diagnostic(`answers: ${JSON.stringify(Object.fromEntries(answers))}; ${acked.size} batches acked, ${session.batches.length * 10 + 2} events readable once, before and after a restart`);
  });

test('under the disk reserve: ingest answers 503 with Retry-After, health and metrics say why, and it resumes by itself when space returns',
  { skip, timeout: 120_000 }, async (t) => {
    const disk = smallDiskOrSkip() as SmallDisk;
    const server = await startServerProcess({ dataDir: join(disk.dir, 'data'), projectKey: KEY, extraArgs: ['--disk-reserve-bytes', String(16 * MiB)] });
    t.after(async () => { await server.stop(); disk.unmount(); });
    const session = bulkySession(3);
    assert.equal((await post(server.url, session.batches[0])).status, 200);
    disk.fill(8 * MiB);
    const refused = await waitFor('a refusal under the reserve', async () => {
      const r = await post(server.url, session.batches[1]);
      return r.status === 503 ? r : undefined;
    }, 10_000, 200);
    assert.equal(refused.code, 'GOSIGHT_DISK_FULL');
    assert.equal(refused.retryAfter, '30');
    const health = await (await fetch(`${server.url}/api/health`)).json() as { ok: boolean; problems: string[]; disk: { full: boolean } };
    assert.equal(health.ok, false);
    assert.equal(health.disk.full, true);
    assert.match(health.problems.join(' '), /is full \(\d+ bytes free, 16777216 kept in reserve\): ingest answers 503/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /gosight_ingest_requests_total\{status="503",code="GOSIGHT_DISK_FULL"\} [1-9]/);
    assert.match(metrics, /gosight_disk_reserve_bytes 16777216/);
    disk.free();
    await waitFor('accepted again', async () => ((await post(server.url, session.batches[1])).status === 200 ? true : undefined), 10_000, 200);
    assert.equal((await post(server.url, session.batches[2])).status, 200);
    await assertExactlyOnce(server.url, session, new Set([0, 1, 2]));
  });
