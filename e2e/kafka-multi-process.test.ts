import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplayBatch } from '@gosight/shared';
import { startKafkaMockCluster } from '../packages/server/testing/kafka-mock-cluster.js';
import { startClickHouseShim } from './support/clickhouse-shim-process.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';

const KEY = 'gs_kafka_e2e';
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `gosight-${p}-`));

test('scale-out: ingest → Kafka → two processors (one killed mid-stream) → ClickHouse → API: every event once, in order', { timeout: 240_000 }, async () => {
  const kafka = await startKafkaMockCluster();
  const clickhouse = await startClickHouseShim(tmp('kafka-ch'));
  const shared = ['--queue', 'kafka', '--kafka-brokers', kafka.bootstrap, '--kafka-topic', 'replay-e2e', '--clickhouse-url', clickhouse.url,
    // Small open-chunk delay so uncommitted work is in flight when the kill comes.
    '--open-chunk-flush-ms', '1500', '--log-level', process.env.GOSIGHT_E2E_LOG_LEVEL ?? 'warn'];
  const processes: ServerProcess[] = [];
  try {
    const ingest = await startServerProcess({ command: 'ingest', dataDir: tmp('ingest'), projectKey: KEY, extraArgs: shared });
    processes.push(ingest);
    const p1 = await startServerProcess({ command: 'process', dataDir: tmp('p1'), projectKey: KEY, extraArgs: shared });
    const p2 = await startServerProcess({ command: 'process', dataDir: tmp('p2'), projectKey: KEY, extraArgs: shared });
    processes.push(p1, p2);
    const api = await startServerProcess({ command: 'api', dataDir: tmp('api'), projectKey: KEY, extraArgs: shared });
    processes.push(api);

    const sessions = Array.from({ length: 8 }, (_, i) =>
      syntheticSession({ batches: 30, eventsPerBatch: 20, checkoutEvery: 100, start: Date.now() - 3_600_000 + i * 5_000_000 }));
    const send = async (b: ReplayBatch) => {
      const res = await fetch(`${ingest.url}/v1/replay`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY }, body: new Uint8Array(gzipBatch(b)),
      });
      assert.equal(res.status, 200, await res.text());
    };
    // Both processors must have partitions before the load starts, or one gets everything.
    await new Promise((r) => setTimeout(r, 5_000));
    let sent = 0;
    const total = sessions.length * 30;
    let killed = false;
    await Promise.all(sessions.map(async (s) => {
      for (const b of s.batches) {
        await send(b);
        if (++sent === Math.floor(total / 2) && !killed) {
          killed = true;
          await p1.kill9();
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    }));
    assert.ok(killed, 'one processor was killed mid-stream');

    for (const s of sessions) {
      const expected = s.batches.flatMap((b) => b.events);
      await waitFor(`all events of ${s.sessionId}`, async () => {
        const m = await fetchManifest(api.url, s.sessionId);
        return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) >= expected.length ? true : undefined;
      }, 90_000, 250);
      const { chunks } = await fetchAllEvents(api.url, s.sessionId);
      const got = chunks.flat();
      assert.equal(got.length, expected.length, `session ${s.sessionId}: no event lost or doubled`);
      assert.deepEqual(got.map((e) => e.timestamp), expected.map((e) => e.timestamp), 'in order');
    }
  } catch (err) {
    // Show what each process said: a failure here is usually explained there.
    const logs = processes.map((p, i) => `--- process ${i} (${p.child.spawnargs[2]}):\n${p.output().slice(-4000)}`).join('\n');
    throw new Error(`${(err as Error).message}\n${logs}`, { cause: err });
  } finally {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await clickhouse.stop();
    await kafka.stop();
  }
});
