import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DeadLetterListResponse, ReplayBatch, RrwebEvent } from '@gosight/shared';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { fetchAllEvents, fetchManifest, postBatch, waitFor } from './support/api-client.js';
import { runGosight } from './support/run-command.js';

const KEY = 'gs_dead_letters_test';

async function post(url: string, batch: ReplayBatch): Promise<void> {
  const res = await postBatch(url, KEY, batch);
  assert.equal(res.status, 200, res.text);
}

const deadLetters = async (url: string) => (await (await fetch(`${url}/api/dead-letters`)).json()) as DeadLetterListResponse;

test('an operator lists, shows, retries and drops dead letters with gosight dead-letters, through the server or on the data directory', { timeout: 240_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-dead-letters-'));
  const port = await freePort();
  const settings = ['--port', String(port), '--data-dir', dataDir];
  // A chunk cap small enough that one batch without a full snapshot goes past it.
  let server: ServerProcess = await startServerProcess({ dataDir, port, projectKey: KEY, extraArgs: ['--max-chunk-bytes', '20000'] });
  try {
    const sessionId = randomUUID();
    const t0 = Date.now() - 60_000;
    const events: RrwebEvent[][] = [
      [{ type: 4, timestamp: t0, data: { href: 'https://shop.test/', width: 1024, height: 700 } }, { type: 2, timestamp: t0 + 1, data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } } }],
      [{ type: 3, timestamp: t0 + 2, data: { source: 0, texts: [{ id: 1, value: 'x'.repeat(30_000) }], adds: [], removes: [], attributes: [] } }],
      [{ type: 3, timestamp: t0 + 3, data: { source: 1, positions: [{ x: 1, y: 1, id: 1, timeOffset: 0 }] } }],
    ];
    for (const [seq, e] of events.entries()) await post(server.url, { sessionId, seq, events: e });
    const listed = await waitFor('a dead letter', async () => ((await deadLetters(server.url)).total === 1 ? deadLetters(server.url) : undefined), 20_000);
    const letter = listed.deadLetters[0];
    assert.equal(letter.sessionId, sessionId);
    assert.equal(letter.seq, 1);
    assert.equal(letter.stage, 'apply');
    await waitFor('the rest stored', async () => ((await fetchManifest(server.url, sessionId))?.chunks[0].eventCount === 3 ? true : undefined), 20_000);

    let run = await runGosight(['dead-letters', 'list', ...settings]);
    t.diagnostic(run.output);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, new RegExp(`1 dead letter\\n${letter.id}  \\S+  ${sessionId}  seq 1  apply  \\d+ B  chunk 0 would grow past 20000 bytes`));
    run = await runGosight(['dead-letters', 'show', letter.id, '--url', server.url]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /"stage": "apply"/);
    assert.match(run.output, new RegExp(`Envelope: \\{"v":1,"projectId":"default","sessionId":"${sessionId}","seq":1`));

    // State-changing calls from another site are refused, whatever the body.
    for (const headers of [{ origin: 'https://evil.test' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}/api/dead-letters/drop`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"all":true}' });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'GOSIGHT_CROSS_ORIGIN_REQUEST');
    }

    // A second server on the same data directory is refused before it opens anything.
    const second = await runGosight(['start', '--port', String(await freePort()), '--data-dir', dataDir, '--project-key', KEY]);
    assert.equal(second.code, 1);
    assert.match(second.output, new RegExp(`the data directory ${dataDir} is in use by another GoSight process \\(pid ${server.child.pid}, running ingest\\+process\\+api, started \\S+, serving ${server.url.replace(/\./g, '\\.')}\\)`));

    // The fix: a larger cap. Then the letter goes back on the queue and joins its session, once.
    await server.stop();
    server = await startServerProcess({ dataDir, port, projectKey: KEY });
    run = await runGosight(['dead-letters', 'retry', '--all', ...settings]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /1 dead letter put back on the replay queue/);
    await waitFor('the retried batch stored', async () => ((await fetchManifest(server.url, sessionId))?.chunks[0].eventCount === 4 ? true : undefined), 20_000);
    const { chunks } = await fetchAllEvents(server.url, sessionId);
    assert.deepEqual(chunks.flat(), events.flat(), 'every event once, in order, byte for byte');
    assert.equal((await deadLetters(server.url)).total, 0);

    // With no server running, the command opens the data directory itself.
    await server.stop();
    server = await startServerProcess({ dataDir, port, projectKey: KEY, extraArgs: ['--max-chunk-bytes', '20000'] });
    const another = randomUUID();
    await post(server.url, { sessionId: another, seq: 0, events: [...events[0], ...events[1]] });
    await post(server.url, { sessionId: another, seq: 1, events: events[1] });
    await waitFor('a new dead letter', async () => ((await deadLetters(server.url)).total >= 1 ? true : undefined), 20_000);
    await server.stop();
    run = await runGosight(['dead-letters', 'list', ...settings]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /No GoSight server answers at .*: opening the stores directly/);
    assert.match(run.output, new RegExp(`${another}  seq 1  apply`));
    run = await runGosight(['dead-letters', 'drop', '--all', '--session', another, ...settings]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /1 dead letter dropped/);
    run = await runGosight(['dead-letters', 'list', '--json', ...settings]);
    assert.equal((JSON.parse(run.output.slice(run.output.indexOf('{'))) as DeadLetterListResponse).total, 0);
  } finally {
    await server.stop();
  }
});
