import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { recordDemoSession, waitForEvents, type Recording } from './support/player-recording.js';
import { waitFor } from './support/api-client.js';

/**
 * The served OpenAPI description against the real server: every read route's real answer
 * (for a session recorded in Chromium on the demo shop) validates against the schema the
 * description gives for that path, status and content type.
 */
const KEY = 'gs_openapi_e2e';

let server: ServerProcess;
let browser: Browser;
let recording: Recording;
type Doc = { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }> };
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });

describe('the OpenAPI description matches the real answers', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-openapi-')), projectKey: KEY });
    browser = await launchBrowser();
    recording = await recordDemoSession(browser, server.url, async (page) => {
      await page.click('#sign-in');
      await page.click('button[data-sku="tiles"]');
      await page.click('#pay');
      await page.waitForFunction(() => document.getElementById('checkout-status')?.textContent?.startsWith('Payment failed'));
      await page.waitForTimeout(200);
    }, undefined, '/demo/shop.html');
    // The failed checkout is the last thing recorded, within the second of slack recordDemoSession
    // allows for the end: wait until its request is stored, then for the listing row written after it.
    await waitForEvents(server.url, recording.sessionId, (e) => e.events.some((ev) => ev.kind === 'network' && ev.request.status === 503));
    await waitFor('the session to be listed', async () => ((await (await fetch(`${server.url}/api/sessions`)).json()) as { total: number }).total === 1 || undefined);
    doc = await (await fetch(`${server.url}/api/openapi.json`)).json() as Doc;
    ajv.addSchema({ $id: 'openapi.json', ...doc });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** GETs `url` and validates its answer against the description of `template`. */
  async function check(template: string, url: string, status = 200): Promise<unknown> {
    const res = await fetch(`${server.url}${url}`);
    assert.equal(res.status, status, `${url}: ${res.status}`);
    const type = (res.headers.get('content-type') ?? '').split(';')[0];
    const described = doc.paths[template]?.get.responses[String(status)]?.content?.[type];
    assert.ok(described, `${template} ${status} ${type} is described`);
    const body = type === 'application/json' ? await res.json() : await res.text();
    const validate = ajv.compile({ $ref: 'openapi.json#/paths/' + template.replace(/~/g, '~0').replace(/\//g, '~1') + `/get/responses/${status}/content/${type.replace('/', '~1')}/schema` });
    assert.ok(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`);
    return body;
  }

  test('sessions, search, events, manifest, chunk, story and maps', async () => {
    const id = recording.sessionId;
    const list = await check('/api/sessions', '/api/sessions') as { total: number };
    assert.ok(list.total >= 1);
    const found = await check('/api/sessions', '/api/sessions?clickText=Pay&requestStatus=5xx&userId=shopper-42') as { sessions: { matches: unknown[] }[] };
    assert.equal(found.sessions[0].matches.length, 3, 'the search reasons are described too');
    await check('/api/projects/{project}/sessions', '/api/projects/default/sessions?visited=/demo/shop.html&device=desktop');
    await check('/api/sessions/{id}/events', `/api/sessions/${id}/events`);
    await check('/api/projects/{project}/sessions/{id}/events', `/api/projects/default/sessions/${id}/events`);
    await check('/api/sessions/{id}/replay', `/api/sessions/${id}/replay`);
    const chunk = await check('/api/sessions/{id}/replay/chunks/{index}', `/api/sessions/${id}/replay/chunks/0`) as unknown[];
    assert.ok(chunk.length > 0);
    await check('/api/sessions/{id}/story', `/api/sessions/${id}/story`);
    await check('/api/sessions/{id}/story', `/api/sessions/${id}/story?format=text`);
    const map = await check('/api/maps', '/api/maps?url=/demo/shop.html') as { sessions: number };
    assert.equal(map.sessions, 1);
    await check('/api/projects/{project}/maps', '/api/projects/default/maps?url=/nowhere');
  });

  test('accounts, operations and errors', async () => {
    for (const path of ['/api/auth/me', '/api/projects', '/api/tokens', '/api/users', '/api/dead-letters', '/api/health', '/api/openapi.json']) await check(path, path);
    await check('/api/projects/{project}', '/api/projects/default');
    await check('/api/audit', '/api/audit?project=default');
    await check('/api/sessions', '/api/sessions?requestStatus=7xx', 400);
    await check('/api/maps', '/api/maps', 400);
    await check('/api/sessions/{id}/replay', '/api/sessions/00000000-0000-4000-8000-000000000000/replay', 404);
    await check('/api/sessions/{id}/story', '/api/sessions/not-a-uuid/story', 400);
    await check('/api/sessions/{id}/assets', `/api/sessions/${recording.sessionId}/assets`, 404);
  });
});
