import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionEventsResponse } from '@gosight/shared';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, postBatch, waitFor } from './support/api-client.js';
import { syntheticSession } from './support/synthetic-session.js';
import { hostileBatches, malformedRequests, type HostileCase } from './support/hostile-corpus.js';
import { rawRequest } from './support/raw-http.js';

const KEY = 'gs_hostile_test';

const peakRssMb = (pid: number): number => {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : 0;
};

/** Sends one case; returns its status (0 when the connection was cut) and the answer's body. */
async function send(url: string, c: HostileCase) {
  return rawRequest(url, {
    method: c.method ?? 'POST',
    path: c.path ?? '/v1/replay',
    headers: c.headers ?? { 'x-gosight-key': KEY, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: c.body,
  });
}

/** Posts a normal session the way the SDK does and returns how long it took until every event was readable. */
async function normalSessionPlayableMs(url: string): Promise<number> {
  const s = syntheticSession({ batches: 20, eventsPerBatch: 25, checkoutEvery: 150 });
  for (const b of s.batches) {
    const res = await postBatch(url, KEY, b);
    assert.equal(res.status, 200, res.text);
  }
  const ackedAt = Date.now();
  const expected = s.batches.reduce((n, b) => n + b.events.length, 0);
  await waitFor('the normal session to be playable', async () => {
    const m = await fetchManifest(url, s.sessionId);
    return m && m.chunks.reduce((n, c) => n + c.eventCount, 0) === expected ? true : undefined;
  }, 30_000, 100);
  const took = Date.now() - ackedAt;
  const { chunks } = await fetchAllEvents(url, s.sessionId);
  assert.equal(chunks.flat().length, expected, 'every event of the normal session reads back');
  return took;
}

/** Every stored hostile batch reads back through the API: manifest, each chunk, derived events. */
async function assertReadable(url: string, stored: HostileCase[]): Promise<void> {
  for (const c of stored) {
    const m = await waitFor(`${c.name}: stored`, async () => {
      const manifest = await fetchManifest(url, c.sessionId!);
      const count = manifest?.chunks.reduce((n, ch) => n + ch.eventCount, 0) ?? 0;
      return c.events === undefined ? (count > 0 ? manifest : undefined) : count === c.events ? manifest : undefined;
    }, 30_000, 100);
    const { chunks } = await fetchAllEvents(url, c.sessionId!);
    assert.equal(chunks.flat().length, m!.chunks.reduce((n, ch) => n + ch.eventCount, 0), `${c.name}: chunks decode`);
    const events = await fetch(`${url}/api/sessions/${c.sessionId}/events`);
    assert.equal(events.status, 200, `${c.name}: derived events`);
    const derived = (await events.json()) as SessionEventsResponse;
    assert.ok(derived.events.every((e) => Number.isFinite(e.timestamp)), `${c.name}: derived times are finite`);
  }
}

test('hostile input: malformed requests get a 4xx, hostile batches a 4xx or storage, and the pipeline never stops', { timeout: 600_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-hostile-'));
  let server: ServerProcess = await startServerProcess({ dataDir, projectKey: KEY });
  try {
    const now = Date.now();
    const malformed = malformedRequests({ key: KEY, now });
    const hostile = hostileBatches({ key: KEY, now });
    const rows: string[] = [];
    const failures: string[] = [];
    for (const c of [...malformed, ...hostile]) {
      const res = await send(server.url, c);
      const code = (() => { try { return (JSON.parse(res.body.toString()) as { error?: { code: string } }).error?.code ?? ''; } catch { return ''; } })();
      const is4xx = res.status >= 400 && res.status < 500;
      const ok = c.expect === '4xx' ? is4xx
        : c.expect === 'stored' ? res.status === 200
          : c.expect === 'either' ? is4xx || res.status === 200
            : res.status < 500 && !/root:x:0:0|"name": "gosight"|"workspaces"/.test(res.body.toString());
      rows.push(`${c.name.padEnd(62)} ${String(res.status).padEnd(4)} ${code}`);
      if (!ok) failures.push(`${c.name}: expected ${c.expect}, got ${res.status} ${res.body.toString().slice(0, 200)}`);
      (c as HostileCase & { status?: number }).status = res.status;
    }
    t.diagnostic(`hostile inputs (${malformed.length} malformed, ${hostile.length} well-formed hostile):\n${rows.join('\n')}`);
    assert.deepEqual(failures, [], failures.join('\n'));
    const stored = hostile.filter((c) => (c as HostileCase & { status?: number }).status === 200);
    assert.ok(stored.length >= 30, `${stored.length} hostile batches were stored`);
    assert.ok(hostile.length - stored.length >= 30, `${hostile.length - stored.length} hostile batches were refused`);

    const playableMs = await normalSessionPlayableMs(server.url);
    t.diagnostic(`a normal session posted after them: playable ${playableMs} ms after its last ack; server peak RSS ${peakRssMb(server.child.pid!).toFixed(0)} MB`);
    assert.ok(playableMs < 15_000, `playable within its usual time (${playableMs} ms)`);
    assert.ok(peakRssMb(server.child.pid!) < 1_500, 'memory stayed bounded (gzip bombs were not inflated)');
    await assertReadable(server.url, stored);
    const health = await (await fetch(`${server.url}/api/health`)).json() as { ok: boolean; processor: { state: string; deadLettered: number } };
    assert.equal(health.ok, true, JSON.stringify(health));
    assert.equal(health.processor.deadLettered, 0, 'nothing acked needed setting aside: the door refused it all');

    await server.stop();
    server = await startServerProcess({ dataDir, projectKey: KEY });
    const afterRestartMs = await normalSessionPlayableMs(server.url);
    t.diagnostic(`after a restart: a new normal session playable ${afterRestartMs} ms after its last ack`);
    assert.ok(afterRestartMs < 15_000);
    await assertReadable(server.url, stored);
    const deadLetters = await (await fetch(`${server.url}/api/dead-letters`)).json() as { total: number };
    assert.equal(deadLetters.total, 0);
  } finally {
    await server.stop();
  }
});
