import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ReplayBatch } from '@gosight/shared';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';

const KEY = 'gs_write_path';

async function post(server: ServerProcess, batch: ReplayBatch): Promise<number> {
  const res = await fetch(`${server.url}/v1/replay`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY }, body: new Uint8Array(gzipBatch(batch)),
  });
  assert.equal(res.status, 200, await res.text());
  return performance.now();
}

/** The processor's batches by how they were read, from /metrics. */
async function batchesRead(server: ServerProcess): Promise<{ ingest: number; queue: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const read = (source: string) => Number(new RegExp(`^gosight_processor_batches_read_total\\{source="${source}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { ingest: read('ingest'), queue: read('queue') };
}

const storedEvents = async (server: ServerProcess, sessionId: string) =>
  (await fetchManifest(server.url, sessionId))?.chunks.reduce((n, c) => n + c.eventCount, 0) ?? 0;

test('the write path: each batch parsed once, playable within a second of its ack by default, appended to after a restart', { timeout: 120_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-write-path-'));
  let server = await startServerProcess({ dataDir, projectKey: KEY });
  t.after(() => server.stop());
  const s = syntheticSession({ batches: 12, eventsPerBatch: 40, checkoutEvery: 10_000 });

  // Ack to playable with the default flush settings, batch by batch.
  const waits: number[] = [];
  for (const [i, batch] of s.batches.slice(0, 6).entries()) {
    const acked = await post(server, batch);
    const want = (i + 1) * 40;
    await waitFor('batch playable', async () => ((await storedEvents(server, s.sessionId)) === want ? true : undefined), 10_000, 20);
    waits.push(performance.now() - acked);
  }
  const median = [...waits].sort((a, b) => a - b)[3];
  t.diagnostic(`ack -> playable: ${waits.map(Math.round).join(', ')} ms`);
  assert.ok(median < 1_500, `ack to playable ${Math.round(median)} ms (median of 6); the defaults aim under a second`);
  assert.deepEqual(await batchesRead(server), { ingest: 6, queue: 0 }, 'every batch handed over by the ingest: none gunzipped and parsed twice');

  // A restart: the open chunk is loaded from the store and appended to.
  await server.stop();
  server = await startServerProcess({ dataDir, projectKey: KEY });
  for (const batch of s.batches.slice(6)) await post(server, batch);
  await waitFor('all stored', async () => ((await storedEvents(server, s.sessionId)) === 480 ? true : undefined), 20_000);
  assert.deepEqual(await batchesRead(server), { ingest: 6, queue: 0 });
  const { manifest, chunks } = await fetchAllEvents(server.url, s.sessionId);
  assert.deepEqual(chunks.flat(), s.batches.flatMap((b) => b.events), 'every event once, in time order');
  // fetch() inflates: read the bytes on the wire with node:http.
  const wire = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
    get(`${server.url}/api/sessions/${s.sessionId}/replay/chunks/0`, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(parts) }));
    }).on('error', reject);
  });
  assert.equal(wire.encoding, 'gzip');
  assert.equal(wire.bytes.length, manifest.chunks[0].compressedSize, 'the manifest\'s size is the bytes served');
  assert.equal(gunzipSync(wire.bytes).length, manifest.chunks[0].dataSize);
});
