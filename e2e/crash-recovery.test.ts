import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplayBatch } from '@gosight/shared';
import { startServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';

const KEY = 'gs_crash_test';

/** Posts a batch; resolves true on a 2xx ack, false when the request failed or was refused. */
async function send(url: string, batch: ReplayBatch): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v1/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY },
      body: new Uint8Array(gzipBatch(batch)),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

test('kill -9 mid-stream, restart: every acked event is returned exactly once, in order', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-crash-'));
  const sessions = Array.from({ length: 3 }, (_, i) => syntheticSession({ batches: 60, eventsPerBatch: 20, checkoutEvery: 150, start: Date.now() - 3_600_000 + i * 10_000_000 }));
  let server = await startServerProcess({ dataDir, projectKey: KEY });

  // Three clients post their sessions concurrently, each in order like the SDK does;
  // the server is killed once about half of all batches are acked.
  const acked = new Map<string, Set<number>>(sessions.map((s) => [s.sessionId, new Set<number>()]));
  const unacked = new Map<string, number[]>(sessions.map((s) => [s.sessionId, []]));
  let ackCount = 0;
  let killed = false;
  const total = sessions.reduce((n, s) => n + s.batches.length, 0);
  const killAt = Math.floor(total / 2);
  const firstRun = server;
  await Promise.all(sessions.map(async (s) => {
    for (const b of s.batches) {
      if (killed) { unacked.get(s.sessionId)!.push(b.seq); continue; }
      if (await send(firstRun.url, b)) {
        acked.get(s.sessionId)!.add(b.seq);
        if (++ackCount === killAt) { killed = true; await firstRun.kill9(); }
      } else {
        unacked.get(s.sessionId)!.push(b.seq);
      }
    }
  }));
  assert.ok(killed, 'the server was killed mid-stream');
  const ackedBeforeKill = [...acked.values()].reduce((n, s) => n + s.size, 0);
  assert.ok(ackedBeforeKill >= killAt && ackedBeforeKill < total, `acked ${ackedBeforeKill} of ${total} before the kill`);

  server = await startServerProcess({ dataDir, projectKey: KEY });
  try {
    // Like the SDK, the clients resend what was not acked; some of it may have been
    // stored before the kill, so this also exercises duplicate detection.
    for (const s of sessions) {
      for (const seq of unacked.get(s.sessionId)!) {
        assert.ok(await send(server.url, s.batches[seq]), `resend of ${seq} acked`);
        acked.get(s.sessionId)!.add(seq);
      }
    }
    for (const s of sessions) {
      const expected = s.batches.flatMap((b) => b.events);
      await waitFor(`all ${expected.length} events of ${s.sessionId}`, async () => {
        const m = await fetchManifest(server.url, s.sessionId);
        return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) >= expected.length ? m : undefined;
      }, 60_000, 250);
      const { manifest, chunks } = await fetchAllEvents(server.url, s.sessionId);
      const got = chunks.flat();
      assert.equal(got.length, expected.length, `session ${s.sessionId}: event count`);
      assert.deepEqual(got.map((e) => e.timestamp), expected.map((e) => e.timestamp), 'every event once, in order');
      assert.deepEqual(got, expected, 'events byte-for-byte as sent');
      for (const [i, c] of chunks.entries()) {
        assert.equal(c[0].type, 4, `chunk ${i} opens with Meta`);
        assert.equal(c[1].type, 2, `chunk ${i} has its FullSnapshot next`);
      }
      assert.equal(manifest.chunks.length, expected.filter((e) => e.type === 2).length, 'one chunk per full snapshot');
    }
  } finally {
    await server.stop();
  }
});
