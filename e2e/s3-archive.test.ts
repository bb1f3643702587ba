import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { startCephRgw } from '../packages/server/testing/ceph-rgw.js';
import { S3ColdStore } from '../packages/server/src/coldstore/index.js';
import { startClickHouseShim } from './support/clickhouse-shim-process.js';
import { startServerProcess } from './support/server-process.js';
import { runGosight } from './support/run-command.js';
import { fetchManifest, listSessions, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';

const KEY = 'gs_archive_e2e';
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `gosight-${p}-`));

/** The chunk bytes exactly as served (node:http does not undo Content-Encoding, fetch would). */
function rawGet(url: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(parts) }));
    }).on('error', reject);
  });
}

async function chunkBytes(url: string, sessionId: string): Promise<Buffer[]> {
  const m = await fetchManifest(url, sessionId);
  const out: Buffer[] = [];
  for (const c of m!.chunks) {
    const res = await rawGet(`${url}/api/sessions/${sessionId}/replay/chunks/${c.index}`);
    assert.equal(res.status, 200);
    assert.equal(res.encoding, 'gzip');
    out.push(res.body);
  }
  return out;
}

test('archive to S3 (Ceph radosgw): verified, removed from ClickHouse, played back through the API; an interrupted run resumes', { timeout: 240_000 }, async () => {
  const rgw = await startCephRgw();
  const clickhouse = await startClickHouseShim(tmp('archive-ch'));
  const s3Args = ['--cold-store', 's3', '--s3-endpoint', rgw.endpoint, '--s3-bucket', 'gosight-archive-e2e',
    '--s3-access-key-id', rgw.accessKeyId, '--s3-secret-access-key', rgw.secretAccessKey];
  const common = ['--clickhouse-url', clickhouse.url, ...s3Args, '--open-chunk-flush-ms', '200'];
  const dataDir = tmp('archive-data');
  const server = await startServerProcess({ dataDir, projectKey: KEY, extraArgs: common });
  try {
    const sessions = Array.from({ length: 12 }, (_, i) =>
      syntheticSession({ batches: 4, eventsPerBatch: 30, checkoutEvery: 50, start: Date.now() - 7_200_000 + i * 100_000 }));
    for (const s of sessions) {
      for (const b of s.batches) {
        const res = await fetch(`${server.url}/v1/replay`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY }, body: new Uint8Array(gzipBatch(b)),
        });
        assert.equal(res.status, 200);
      }
    }
    const expectedEvents = (s: (typeof sessions)[number]) => s.batches.reduce((n, b) => n + b.events.length, 0);
    for (const s of sessions) {
      await waitFor('stored', async () => {
        const m = await fetchManifest(server.url, s.sessionId);
        return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) === expectedEvents(s) ? true : undefined;
      }, 30_000, 200);
    }
    const before = new Map<string, Buffer[]>();
    for (const s of sessions) before.set(s.sessionId, await chunkBytes(server.url, s.sessionId));

    // A first run stopped by SIGINT as soon as it starts: it finishes the session in
    // progress and stops. The second run does the rest.
    const archiveArgs = ['archive', '--data-dir', dataDir, '--archive-after-days', '0', '--log-level', 'warn', ...common];
    let signalled = false;
    const first = await runGosight(archiveArgs, (out, child) => {
      if (!signalled && out.includes('Schedule')) { signalled = true; child.kill('SIGINT'); }
    });
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /Interrupted: \d+ sessions archived/);
    const firstCount = Number(/Interrupted: (\d+) sessions archived/.exec(first.output)![1]);
    assert.ok(firstCount < sessions.length, `the first run stopped early (${firstCount} archived)`);

    const second = await runGosight(archiveArgs);
    assert.equal(second.code, 0, second.output);
    const m = /Done: (\d+) sessions archived .*?, (\d+) resumed/.exec(second.output);
    assert.ok(m, second.output);
    assert.equal(Number(m[1]) + Number(m[2]) + firstCount >= sessions.length, true, second.output);

    // Every session is in S3 at {project}/{YYYY}/{MM}/{session}.gz and plays back unchanged.
    const cold = new S3ColdStore({ endpoint: rgw.endpoint, region: 'us-east-1', bucket: 'gosight-archive-e2e', accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey, forcePathStyle: true });
    const keys = await cold.list('default/');
    cold.close();
    assert.equal(keys.length, sessions.length);
    for (const s of sessions) assert.ok(keys.some((k) => /^default\/\d{4}\/\d{2}\//.test(k) && k.endsWith(`/${s.sessionId}.gz`)));
    const listed = await listSessions(server.url);
    for (const s of sessions) {
      assert.equal(listed.sessions.find((x) => x.sessionId === s.sessionId)?.archived, true);
      const after = await chunkBytes(server.url, s.sessionId);
      const was = before.get(s.sessionId)!;
      assert.equal(after.length, was.length);
      after.forEach((c, i) => assert.ok(c.equals(was[i]), `session ${s.sessionId} chunk ${i}: the same gzip bytes after archiving`));
    }
    // A third run finds nothing left to do.
    const third = await runGosight(archiveArgs);
    assert.match(third.output, /Done: 0 sessions archived/);
  } finally {
    await server.stop();
    await clickhouse.stop();
    await rgw.stop();
  }
});
