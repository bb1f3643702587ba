import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChunkStoreContract } from '../packages/server/src/store/chunk-store-contract.js';
import { ClickHouseChunkStore, createClickHouseClient } from '../packages/server/src/store/index.js';
import { startClickHouseShim } from './support/clickhouse-shim-process.js';
import { startServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';

// A ClickHouse "server" over HTTP: the test-only shim answering from chDB in another process.
const shim = await startClickHouseShim(mkdtempSync(join(tmpdir(), 'gosight-chshim-')));
after(() => shim.stop());

runChunkStoreContract('ClickHouseChunkStore over HTTP (--clickhouse-url)', async () => {
  const store = new ClickHouseChunkStore(createClickHouseClient({ url: shim.url, dataDir: tmpdir() }), 'gosight_http');
  await store.migrate();
  return store;
});

test('gosight start --clickhouse-url stores and plays back through the server', { timeout: 120_000 }, async () => {
  const key = 'gs_http_store';
  const server = await startServerProcess({
    dataDir: mkdtempSync(join(tmpdir(), 'gosight-churl-')), projectKey: key, extraArgs: ['--clickhouse-url', shim.url],
  });
  try {
    const s = syntheticSession({ batches: 5, eventsPerBatch: 50, checkoutEvery: 120 });
    for (const b of s.batches) {
      const res = await fetch(`${server.url}/v1/replay`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': key }, body: new Uint8Array(gzipBatch(b)),
      });
      assert.equal(res.status, 200, await res.text());
    }
    const expected = s.batches.flatMap((b) => b.events);
    await waitFor('events stored', async () => {
      const m = await fetchManifest(server.url, s.sessionId);
      return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) === expected.length ? true : undefined;
    }, 30_000, 200);
    const { chunks } = await fetchAllEvents(server.url, s.sessionId);
    assert.deepEqual(chunks.flat(), expected);
  } finally {
    await server.stop();
  }
});
