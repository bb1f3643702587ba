import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EventType, INGEST_PATH, PROJECT_KEY_HEADER, type ReplayBatch } from '@gosight/shared';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { runGosight } from './support/run-command.js';
import { launchBrowser } from './support/browser.js';
import { postBatch, waitFor } from './support/api-client.js';
import { gzipBatch, syntheticSession } from './support/synthetic-session.js';
import { createClickHouseClient } from '../packages/server/src/store/index.js';

/**
 * Accounts and access on a server that is reachable beyond this machine (here: behind a
 * trusted proxy, which counts as beyond loopback): who can read what, across projects;
 * CSRF; rate limits; and erasure checked in every store directly.
 */
const DEFAULT_KEY = 'gs_access_default_key';
const PASSWORD = { admin: 'admin password 1', viewer: 'viewer password 1' };
const VISITOR = 'visitor-forget-me';

let dataDir: string;
let server: ServerProcess;
let browser: Browser;
let shopKey: string;
let token: string;
/** Sessions: one in the default project, two in shop (one of them by the visitor who asks to be forgotten). */
const sessions = { home: syntheticSession({ batches: 2, eventsPerBatch: 30, checkoutEvery: 1000 }), shop: syntheticSession({ batches: 2, eventsPerBatch: 30, checkoutEvery: 1000 }), forgotten: syntheticSession({ batches: 2, eventsPerBatch: 30, checkoutEvery: 1000 }) };
sessions.forgotten.batches[1].events.push({ type: EventType.Custom, timestamp: sessions.forgotten.batches[1].events.at(-1)!.timestamp + 1, data: { tag: '$identify', payload: { userId: VISITOR } } });

const SERVER_ARGS = ['--trust-proxy', '1', '--ingest-rate-per-key', '40', '--login-rate-per-email', '6', '--retention-every-ms', '0'];

async function cli(...args: string[]): Promise<string> {
  const { code, output } = await runGosight([...args, '--data-dir', dataDir, '--project-key', DEFAULT_KEY, '--log-level', 'warn']);
  assert.equal(code, 0, output);
  return output;
}

async function start(): Promise<ServerProcess> {
  return startServerProcess({ dataDir, projectKey: DEFAULT_KEY, extraArgs: SERVER_ARGS });
}

async function loginCookie(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, await res.text());
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function post(key: string, batch: ReplayBatch, origin?: string): Promise<Response> {
  return fetch(`${server.url}${INGEST_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', [PROJECT_KEY_HEADER]: key, ...(origin ? { origin } : {}) },
    body: new Uint8Array(gzipBatch(batch)),
  });
}

async function eventCount(cookie: string, project: string, sessionId: string): Promise<number | undefined> {
  const res = await fetch(`${server.url}/api/projects/${project}/sessions/${sessionId}/replay`, { headers: { cookie } });
  if (res.status !== 200) return undefined;
  return ((await res.json()) as { chunks: { eventCount: number }[] }).chunks.reduce((n, c) => n + c.eventCount, 0);
}

async function openDashboard(email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`${server.url}/`);
  await page.fill('[data-testid="login-email"]', email);
  await page.fill('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
  await page.locator('[data-testid="user-email"]').waitFor();
  return page;
}

const rowIds = (page: Page) => page.locator('[data-testid="session-row"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.sessionId ?? ''));

describe('accounts, projects and access', { timeout: 300_000 }, () => {
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gosight-access-'));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('beyond loopback without an account the server refuses to start, and says how to make one', async () => {
    const port = await freePort();
    const { code, output } = await runGosight(['start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir,
      '--project-key', DEFAULT_KEY, ...SERVER_ARGS]);
    assert.notEqual(code, 0);
    assert.match(output, /has no account/);
    assert.match(output, /gosight users add --email you@example.com --admin/);
  });

  test('set-up on the command line: users, a second project with its own key, an API token', async () => {
    process.env.GOSIGHT_PASSWORD = PASSWORD.admin;
    await cli('users', 'add', '--email', 'admin@example.com', '--admin');
    shopKey = /ingest key (\S+)/.exec(await cli('projects', 'create', 'shop', '--name', 'Shop'))![1];
    process.env.GOSIGHT_PASSWORD = PASSWORD.viewer;
    await cli('users', 'add', '--email', 'viewer@example.com', '--project', 'shop', '--role', 'viewer');
    delete process.env.GOSIGHT_PASSWORD;
    token = /^(gst_\S+)$/m.exec(await cli('tokens', 'create', '--email', 'admin@example.com', '--project', 'shop', '--name', 'export'))![1];
    assert.match(await cli('users', 'list'), /viewer@example\.com\s+shop:viewer/);

    server = await start();
    for (const [key, s] of [[DEFAULT_KEY, sessions.home], [shopKey, sessions.shop], [shopKey, sessions.forgotten]] as const) {
      for (const batch of s.batches) assert.equal((await post(key, batch)).status, 200);
    }
    const admin = await loginCookie('admin@example.com', PASSWORD.admin);
    await waitFor('all three sessions stored', async () => {
      const counts = await Promise.all([eventCount(admin, 'default', sessions.home.sessionId), eventCount(admin, 'shop', sessions.shop.sessionId),
        eventCount(admin, 'shop', sessions.forgotten.sessionId)]);
      return counts.every((n) => n !== undefined && n >= 60) ? true : undefined;
    }, 60_000, 250);
  });

  test('routes and their answers, with and without credentials, across projects', async (t) => {
    const viewer = await loginCookie('viewer@example.com', PASSWORD.viewer);
    const admin = await loginCookie('admin@example.com', PASSWORD.admin);
    const who: Record<string, Record<string, string>> = {
      none: {}, viewer: { cookie: viewer }, 'shop token': { authorization: `Bearer ${token}` }, 'server admin': { cookie: admin },
    };
    const shop = `/api/projects/shop/sessions/${sessions.shop.sessionId}`;
    const home = `/api/projects/default/sessions/${sessions.home.sessionId}`;
    const routes: [method: string, path: string, expected: number[]][] = [
      ['GET', '/api/projects/shop/sessions', [401, 200, 200, 200]],
      ['GET', `${shop}/replay`, [401, 200, 200, 200]],
      ['GET', `${shop}/events`, [401, 200, 200, 200]],
      ['GET', `${shop}/replay/chunks/0`, [401, 200, 200, 200]],
      ['GET', '/api/projects/default/sessions', [401, 404, 404, 200]],
      ['GET', `${home}/replay`, [401, 404, 404, 200]],
      ['GET', `/api/sessions/${sessions.home.sessionId}/replay/chunks/0`, [401, 404, 404, 200]],
      ['GET', '/api/projects', [401, 200, 200, 200]],
      ['GET', '/api/projects/shop', [401, 200, 200, 200]],
      ['PATCH', '/api/projects/shop', [401, 403, 200, 200]],
      ['GET', '/api/audit?project=shop', [401, 403, 200, 200]],
      ['GET', '/api/users', [401, 403, 403, 200]],
      ['GET', '/api/dead-letters', [401, 403, 403, 200]],
      ['DELETE', `${home}`, [401, 404, 404, 200]],
    ];
    const lines = [`| route | ${Object.keys(who).join(' | ')} |`, `|---|${Object.keys(who).map(() => '---').join('|')}|`];
    for (const [method, path, expected] of routes) {
      const got: number[] = [];
      for (const headers of Object.values(who)) {
        // The last route deletes a session: only the last caller (the admin) gets that far.
        const res = await fetch(`${server.url}${path}`, {
          method, headers: { ...headers, origin: server.url, ...(method === 'PATCH' ? { 'content-type': 'application/json' } : {}) },
          body: method === 'PATCH' ? JSON.stringify({ name: 'Shop' }) : undefined,
        });
        got.push(res.status);
      }
      lines.push(`| ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} | ${got.join(' | ')} |`);
      assert.deepEqual(got, expected, `${method} ${path}`);
    }
    for (const line of lines) t.diagnostic(line);
    assert.equal(await eventCount(admin, 'default', sessions.home.sessionId), undefined, 'the deleted session is gone');
  });

  test('a key of one project cannot append to a session of another; allowed origins are checked at ingest', async () => {
    const admin = await loginCookie('admin@example.com', PASSWORD.admin);
    const before = await eventCount(admin, 'shop', sessions.shop.sessionId);
    const intruder: ReplayBatch = { sessionId: sessions.shop.sessionId, seq: 2, events: syntheticSession({ batches: 1, eventsPerBatch: 5, checkoutEvery: 1000 }).batches[0].events };
    assert.equal((await post(DEFAULT_KEY, intruder)).status, 200, 'accepted, for the default project');
    await waitFor('the default project holds its own session of that id', () => eventCount(admin, 'default', sessions.shop.sessionId));
    assert.equal(await eventCount(admin, 'shop', sessions.shop.sessionId), before, 'shop\'s session is unchanged');

    const patch = await fetch(`${server.url}/api/projects/shop`, {
      method: 'PATCH', headers: { cookie: admin, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ allowedOrigins: ['https://shop.example'] }),
    });
    assert.equal(patch.status, 200);
    const next = syntheticSession({ batches: 1, eventsPerBatch: 5, checkoutEvery: 1000 }).batches[0];
    const foreign = await post(shopKey, next, 'https://evil.example');
    assert.equal(foreign.status, 403);
    assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, 'GOSIGHT_ORIGIN_NOT_ALLOWED');
    assert.equal((await post(shopKey, next, 'https://shop.example')).status, 200);
  });

  test('Chromium: a viewer logs in, sees only their project, cannot change settings, logs out', async () => {
    const page = await openDashboard('viewer@example.com', PASSWORD.viewer);
    assert.deepEqual(await page.locator('[data-testid="project-switcher"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)), ['shop']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-row"]').length >= 2);
    const ids = await rowIds(page);
    assert.ok(ids.includes(sessions.shop.sessionId) && !ids.includes(sessions.home.sessionId));
    await page.click('[data-testid="nav-settings"]');
    await page.locator('[data-testid="settings-keys"]').waitFor();
    assert.equal(await page.locator('[data-testid="project-save"]').count(), 0, 'no save button for a viewer');
    assert.equal(await page.locator('[data-testid="project-name"]').isDisabled(), true);
    assert.equal(await page.locator('[data-testid="settings-members"]').count(), 0);
    await page.click('[data-testid="logout"]');
    await page.locator('[data-testid="login-form"]').waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/projects/shop/sessions')).status);
    assert.equal(after, 401, 'the login ended on the server too');
    await page.context().close();
  });

  test('Chromium: an admin switches projects and changes settings; a page on another origin cannot', async () => {
    const page = await openDashboard('admin@example.com', PASSWORD.admin);
    await page.selectOption('[data-testid="project-switcher"]', 'shop');
    await page.waitForFunction((id) => Array.from(document.querySelectorAll('[data-testid="session-row"]')).some((r) => (r as HTMLElement).dataset.sessionId === id), sessions.shop.sessionId);
    await page.click('[data-testid="nav-settings"]');
    assert.match(await page.inputValue('[data-testid="sdk-snippet"]'), new RegExp(`projectKey: '${shopKey}'`), 'the snippet carries the project\'s key');
    await page.fill('[data-testid="project-origins"]', 'https://shop.example\nhttps://m.shop.example');
    await page.click('[data-testid="project-save"]');
    await page.locator('[data-testid="settings-general"] [role="status"]').waitFor();
    const keysBefore = await page.locator('[data-testid="key-row"]').count();

    // Another site the admin visits, logged in: its form and its fetch both try to add a key.
    const evil: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form id="f" method="POST" action="${server.url}/api/projects/shop/keys"></form>
        <script>fetch('${server.url}/api/projects/shop/keys', { method: 'POST', credentials: 'include' }).then((r) => { document.title = 'fetch ' + r.status; }, () => { document.title = 'fetch refused'; });</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const attacker = await page.context().newPage();
      await attacker.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
      await attacker.waitForFunction(() => document.title.startsWith('fetch'));
      const form = attacker.waitForResponse((r) => r.url().endsWith('/api/projects/shop/keys'));
      await attacker.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit());
      assert.equal((await form).status(), 403, 'the cross-origin form post is refused');
      await attacker.close();
    } finally {
      evil.close();
    }
    const details = await page.evaluate(async () => (await (await fetch('/api/projects/shop')).json()) as { project: { allowedOrigins: string[] }; keys: unknown[] });
    assert.deepEqual(details.project.allowedOrigins, ['https://shop.example', 'https://m.shop.example'], 'the admin\'s own change was saved');
    assert.equal(details.keys.length, keysBefore, 'no key was added from the other origin');
    await page.context().close();
  });

  test('rate limits: a burst over the key\'s limit and repeated wrong passwords get 429 with Retry-After', async () => {
    // 90 > 2 × 40: over the limit even if a window ends part-way through the burst.
    const burst = syntheticSession({ batches: 90, eventsPerBatch: 2, checkoutEvery: 1000 });
    const answers = [];
    for (const batch of burst.batches) answers.push(await postBatch(server.url, DEFAULT_KEY, batch));
    const limited = answers.filter((a) => a.status === 429);
    assert.ok(limited.length > 0, `some of ${answers.length} refused: ${answers.map((a) => a.status).join(',')}`);
    assert.ok(limited.every((a) => a.code === 'GOSIGHT_RATE_LIMITED' && Number(a.retryAfter) > 0));
    assert.equal((await postBatch(server.url, shopKey, { ...burst.batches[0], sessionId: syntheticSession({ batches: 1, eventsPerBatch: 1, checkoutEvery: 9 }).sessionId })).status, 200,
      'another project\'s key is not limited');

    const logins = [];
    for (let i = 0; i < 7; i++) {
      logins.push(await fetch(`${server.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email: 'guessed@example.com', password: 'guess number ' + i }),
      }));
    }
    assert.deepEqual(logins.map((r) => r.status), [401, 401, 401, 401, 401, 401, 429]);
    assert.ok(Number(logins[6].headers.get('retry-after')) > 0);
  });

  test('erasure: an admin forgets a visitor from the dashboard; every store is checked directly; the audit log records it', async (t) => {
    // Archive everything first, so the visitor's session also lives in cold storage.
    await server.stop();
    const archived = await runGosight(['archive', '--archive-after-days', '0', '--data-dir', dataDir, '--project-key', DEFAULT_KEY, '--log-level', 'warn']);
    assert.equal(archived.code, 0, archived.output);
    const coldFiles = () => listFiles(join(dataDir, 'archive'));
    assert.ok(coldFiles().some((f) => f.includes(sessions.forgotten.sessionId)), 'archived to cold storage');
    server = await start();

    const page = await openDashboard('admin@example.com', PASSWORD.admin);
    await page.selectOption('[data-testid="project-switcher"]', 'shop');
    await page.click('[data-testid="nav-settings"]');
    await page.fill('[data-testid="delete-user-id"]', VISITOR);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid="delete-user-submit"]');
    await page.locator('[data-testid="settings-delete-user"] [role="status"]').waitFor();
    await page.waitForFunction((visitor) => Array.from(document.querySelectorAll('[data-testid="audit-row"]')).some((r) => r.textContent?.includes(visitor)), VISITOR);
    const audit = await page.locator('[data-testid="audit-row"][data-action="user.erase"]').first()
      .evaluate((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent).join(' · '));
    await page.context().close();

    // Read each store directly, with the server stopped (the embedded store has one process at a time).
    await server.stop();
    const client = createClickHouseClient({ url: undefined, dataDir });
    const count = async (table: string, id: string) => Number((await (await client.query({
      query: `SELECT count() AS n FROM gosight.${table} WHERE project_id = 'shop' AND session_id = {id:UUID}`, query_params: { id }, format: 'JSONEachRow',
    })).json<{ n: string }>())[0].n);
    const report: string[] = [];
    try {
      for (const [name, id] of [['forgotten', sessions.forgotten.sessionId], ['kept', sessions.shop.sessionId]] as const) {
        const rows = { chunks: await count('replay_chunks', id), summaries: await count('replay_sessions', id), archives: await count('replay_archives', id) };
        const cold = coldFiles().filter((f) => f.includes(join('archive', 'shop')) && f.includes(id)).length;
        report.push(`${name} ${id}: replay_chunks ${rows.chunks}, replay_sessions ${rows.summaries}, replay_archives ${rows.archives}, cold objects ${cold}`);
        if (name === 'forgotten') assert.deepEqual({ ...rows, cold }, { chunks: 0, summaries: 0, archives: 0, cold: 0 });
        else assert.ok(rows.summaries > 0 && cold > 0, 'another visitor\'s session is untouched');
      }
      const erased = await (await client.query({ query: 'SELECT toString(session_id) AS id FROM gosight.erased_sessions', format: 'JSONEachRow' })).json<{ id: string }>();
      assert.ok(erased.some((e) => e.id === sessions.forgotten.sessionId), 'tombstone for the processor');
    } finally {
      await client.close();
    }
    report.push(`audit: ${audit}`);
    for (const line of report) t.diagnostic(line);
    assert.match(audit ?? '', /user:admin@example\.com/);
    assert.match(audit ?? '', new RegExp(sessions.forgotten.sessionId));
    server = await start();

    // The visitor's tab is still open: its next batch is accepted at the door but never stored again.
    const late: ReplayBatch = { sessionId: sessions.forgotten.sessionId, seq: 5, events: syntheticSession({ batches: 1, eventsPerBatch: 5, checkoutEvery: 1000 }).batches[0].events };
    assert.equal((await post(shopKey, late, 'https://shop.example')).status, 200);
    // A session queued after it: once it is stored, the processor has handled the late batch.
    const control = syntheticSession({ batches: 1, eventsPerBatch: 5, checkoutEvery: 1000 }).batches[0];
    assert.equal((await post(shopKey, control, 'https://shop.example')).status, 200);
    const admin = await loginCookie('admin@example.com', PASSWORD.admin);
    await waitFor('the session queued after the late batch is stored', () => eventCount(admin, 'shop', control.sessionId), 30_000, 250);
    assert.equal(await eventCount(admin, 'shop', sessions.forgotten.sessionId), undefined, 'the erased session did not come back');
  });
});

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(dir);
  return out;
}
