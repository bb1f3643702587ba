import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { fetchManifest, postBatch, waitFor } from './support/api-client.js';
import { syntheticSession } from './support/synthetic-session.js';
import { openPlayer } from './support/player-recording.js';
import { openSocket, rawRequest } from './support/raw-http.js';

const KEY = 'gs_http_surface_test';
const HEADERS_TIMEOUT_MS = 1_500;
const REQUEST_TIMEOUT_MS = 3_000;
const IDLE_TIMEOUT_MS = 2_000;
const MAX_CONNECTIONS = 40;
const MAX_PER_ADDRESS = 10;

let server: ServerProcess;
let browser: Browser;
/** The recorded site's server, which a replay's assets come from: it notes each request and its Referer. */
let site: { url: string; hits: { path: string; referer: string | undefined }[]; close(): Promise<void> };

before(async () => {
  server = await startServerProcess({
    dataDir: mkdtempSync(join(tmpdir(), 'gosight-http-')),
    projectKey: KEY,
    extraArgs: [
      '--headers-timeout-ms', String(HEADERS_TIMEOUT_MS), '--request-timeout-ms', String(REQUEST_TIMEOUT_MS),
      '--idle-timeout-ms', String(IDLE_TIMEOUT_MS), '--max-connections', String(MAX_CONNECTIONS),
      '--max-connections-per-address', String(MAX_PER_ADDRESS), '--allowed-hosts', 'localhost,127.0.0.1,replay.example.test',
    ],
  });
  browser = await launchBrowser();
  site = await startRecordedSite();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

async function startRecordedSite(): Promise<typeof site> {
  const hits: { path: string; referer: string | undefined }[] = [];
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const srv = createServer((req: IncomingMessage, res) => {
    hits.push({ path: req.url ?? '', referer: req.headers.referer });
    if (req.url?.startsWith('/pixel.png') || req.url?.startsWith('/bg.png')) {
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
    } else if (req.url === '/site.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end('#marker{outline:1px solid red}');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const { port } = srv.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((done) => { srv.closeAllConnections(); srv.close(() => done()); }) };
}

const codeOf = (body: Buffer) => (JSON.parse(body.toString()) as { error: { code: string; message: string } }).error;

test('a foreign Host header is refused on every route; listed names are served', async () => {
  for (const path of ['/api/sessions', '/', '/sessions/x', '/demo/', '/api/health', '/metrics', '/sdk/gosight.js']) {
    const res = await rawRequest(server.url, { method: 'GET', path, headers: { host: 'rebound.attacker.test' } });
    assert.equal(res.status, 403, `${path}: ${res.status}`);
    assert.equal(codeOf(res.body).code, 'GOSIGHT_HOST_NOT_ALLOWED');
    assert.match(codeOf(res.body).message, /add "rebound\.attacker\.test" to --allowed-hosts/);
  }
  const ingest = await rawRequest(server.url, { path: '/v1/replay', headers: { host: 'rebound.attacker.test', 'x-gosight-key': KEY }, body: '{}' });
  assert.equal(ingest.status, 403);
  for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, 'replay.example.test', 'REPLAY.example.test:443']) {
    const res = await rawRequest(server.url, { method: 'GET', path: '/api/sessions', headers: { host } });
    assert.equal(res.status, 200, host);
  }
});

test('slow clients are cut: headers, body and idle connections', async (t) => {
  const started = Date.now();
  // Headers that never finish (a byte every 300 ms).
  const slowHeaders = await openSocket(server.url);
  slowHeaders.socket.write('POST /v1/replay HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const drip = setInterval(() => slowHeaders.socket.write('X'), 300);
  // Full headers, then a body that trickles in far slower than promised.
  const slowBody = await openSocket(server.url);
  slowBody.socket.write(`POST /v1/replay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GoSight-Key: ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
  const bodyDrip = setInterval(() => slowBody.socket.write(' '), 300);
  // A connection that says nothing at all.
  const silent = await openSocket(server.url);
  const [headersCut, bodyCut, silentCut] = await Promise.all([slowHeaders.closed, slowBody.closed, silent.closed]);
  clearInterval(drip);
  clearInterval(bodyDrip);
  const secs = (at: number) => ((at - started) / 1000).toFixed(1);
  t.diagnostic(`cut after: slow headers ${secs(headersCut)} s, slow body ${secs(bodyCut)} s (${slowBody.received().split('\r\n')[0] || 'no answer'}), silent ${secs(silentCut)} s`);
  assert.ok(headersCut - started < HEADERS_TIMEOUT_MS + 2_000, `slow headers cut after ${headersCut - started} ms`);
  assert.ok(silentCut - started < HEADERS_TIMEOUT_MS + 2_000, `a silent connection cut after ${silentCut - started} ms`);
  assert.ok(bodyCut - started < REQUEST_TIMEOUT_MS + 2_000, `slow body cut after ${bodyCut - started} ms`);
  assert.match(slowBody.received(), /^HTTP\/1\.1 408/, 'the slow body is told it timed out');
});

test('a flood of slow connections from one client is capped at once; everyone else is still served meanwhile', async (t) => {
  const fdsBefore = readdirSync(`/proc/${server.child.pid}/fd`).length;
  // The flood comes from another loopback address than the test's own requests.
  const sockets = await Promise.all(Array.from({ length: 300 }, () => openSocket(server.url, '127.0.0.2')));
  for (const s of sockets) s.socket.write('GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const closedAtOnce = await waitFor('connections past the per-address cap to be closed', async () => {
    const closed = await Promise.all(sockets.map((s) => Promise.race([s.closed.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))])));
    const n = closed.filter(Boolean).length;
    return n >= 300 - MAX_PER_ADDRESS ? n : undefined;
  }, 5_000, 50);
  const fdsDuring = readdirSync(`/proc/${server.child.pid}/fd`).length;
  // While the flood holds its share of slots, another client is served.
  const during = await fetch(`${server.url}/api/health`);
  assert.equal(during.status, 200, 'another client is served during the flood');
  t.diagnostic(`300 slow connections from one address (caps: ${MAX_CONNECTIONS} in all, ${MAX_PER_ADDRESS} per address): ${closedAtOnce} closed at once; server descriptors ${fdsBefore} -> ${fdsDuring}; another client served meanwhile`);
  assert.ok(fdsDuring <= fdsBefore + MAX_PER_ADDRESS + 5, `descriptors stay bounded (${fdsBefore} -> ${fdsDuring})`);

  // Many clients at once: past the total cap, connections are closed at once too.
  const spread = await Promise.all(Array.from({ length: 80 }, (_, i) => openSocket(server.url, `127.0.1.${i + 1}`)));
  for (const s of spread) s.socket.write('GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  await waitFor('connections past the total cap to be closed', async () => {
    const closed = await Promise.all(spread.map((s) => Promise.race([s.closed.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))])));
    return closed.filter(Boolean).length >= 80 - MAX_CONNECTIONS ? true : undefined;
  }, 5_000, 50);
  await Promise.all([...sockets, ...spread].map((s) => s.closed));
  const res = await fetch(`${server.url}/api/health`);
  assert.equal(res.status, 200, 'serving as before once the slow connections are cut');
});

/** Collects CSP violations Chromium reports on the page and in its frames (the replay's iframe included). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/** A session whose recorded page tries everything a hostile page could to run script in the player. */
async function postHostilePage(): Promise<string> {
  const sessionId = randomUUID();
  const t = Date.now() - 30_000;
  const beacon = (tag: string) => `fetch("${site.url}/script-ran?${tag}");window.top.__pwned="${tag}"`;
  const el = (id: number, tagName: string, attributes: Record<string, string>, childNodes: unknown[] = []) => ({ type: 2, tagName, attributes, childNodes, id });
  const text = (id: number, textContent: string) => ({ type: 3, textContent, id });
  const node = {
    type: 0, id: 1, childNodes: [
      { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
      el(3, 'html', {}, [
        el(4, 'head', {}, [
          el(5, 'script', {}, [text(6, beacon('inline'))]),
          el(7, 'script', { src: `${site.url}/script-ran?external.js` }),
          el(8, 'style', {}, [text(9, `body{background:url(${site.url}/bg.png)}`)]),
          el(21, 'meta', { name: 'referrer', content: 'unsafe-url' }),
          el(22, 'link', { rel: 'stylesheet', href: `${site.url}/site.css`, referrerpolicy: 'unsafe-url' }),
        ]),
        el(10, 'body', { onload: beacon('body-onload') }, [
          el(11, 'img', { src: `${site.url}/pixel.png`, alt: 'pixel', referrerpolicy: 'unsafe-url' }),
          el(12, 'img', { src: `${site.url}/missing.png`, onerror: beacon('img-onerror') }),
          el(13, 'iframe', { srcdoc: `<script>${beacon('srcdoc')}</script>` }),
          el(14, 'a', { href: `javascript:${beacon('href')}`, id: 'js-link' }, [text(15, 'a link')]),
          el(16, 'object', { data: `${site.url}/script-ran?object` }),
          el(17, 'embed', { src: `${site.url}/script-ran?embed` }),
          el(18, 'div', { id: 'marker' }, [text(19, 'Recorded page marker')]),
          el(20, 'meta', { 'http-equiv': 'refresh', content: `0;url=javascript:${beacon('meta-refresh')}` }),
        ]),
      ]),
    ],
  };
  const events = [
    { type: 4, timestamp: t, data: { href: 'https://shop.test/', width: 1024, height: 700 } },
    { type: 2, timestamp: t + 1, data: { node, initialOffset: { top: 0, left: 0 } } },
    // Later: a script and an event handler added by mutation, and a click on the javascript: link.
    { type: 3, timestamp: t + 200, data: { source: 0, texts: [], removes: [], attributes: [{ id: 18, attributes: { onclick: beacon('onclick'), onmouseover: beacon('onmouseover') } }], adds: [{ parentId: 10, nextId: null, node: el(30, 'script', {}, [text(31, beacon('added-script'))]) }] } },
    { type: 3, timestamp: t + 300, data: { source: 2, type: 2, id: 14, x: 10, y: 10 } },
    { type: 3, timestamp: t + 400, data: { source: 2, type: 2, id: 18, x: 20, y: 20 } },
  ];
  const res = await postBatch(server.url, KEY, { sessionId, seq: 0, events });
  assert.equal(res.status, 200, res.text);
  await waitFor('the hostile page stored', async () => ((await fetchManifest(server.url, sessionId))?.chunks[0].eventCount === events.length ? true : undefined), 20_000);
  return sessionId;
}

test('security headers on every dashboard route, in Chromium; no CSP violation while a replay plays', async () => {
  const normal = syntheticSession({ batches: 3, eventsPerBatch: 20, checkoutEvery: 150 });
  for (const b of normal.batches) await postBatch(server.url, KEY, b);
  await waitFor('the session stored', async () => ((await fetchManifest(server.url, normal.sessionId))?.chunks.length ? true : undefined), 20_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = cspViolations(page);
  for (const path of ['/', `/sessions/${normal.sessionId}`, '/sessions/not-a-session', '/demo/', '/demo/page2.html', '/no/such/page']) {
    const res = await page.goto(`${server.url}${path}`);
    assert.ok(res, path);
    const h = await res.allHeaders();
    assert.match(h['content-security-policy'] ?? '', /frame-ancestors 'none'/, `${path}: CSP`);
    assert.match(h['content-security-policy'] ?? '', /script-src 'self'( 'sha256-[^']+')*;/, `${path}: scripts from our origin only`);
    assert.equal(h['x-frame-options'], 'DENY', path);
    assert.equal(h['x-content-type-options'], 'nosniff', path);
    assert.equal(h['referrer-policy'], 'no-referrer', path);
    assert.equal(h['cross-origin-opener-policy'], 'same-origin', path);
    assert.equal(h['access-control-allow-origin'], undefined, `${path}: no CORS`);
    await page.waitForLoadState('networkidle');
  }
  // Using the dashboard and the demo: a replay plays, the demo records.
  await page.goto(`${server.url}/sessions/${normal.sessionId}`);
  await page.waitForFunction(() => (window as unknown as { __gosightPlayer?: { ready: boolean } }).__gosightPlayer?.ready === true, null, { timeout: 30_000 });
  await page.evaluate(() => (window as unknown as { __gosightPlayer: { play(): void } }).__gosightPlayer.play());
  await page.waitForFunction(() => (window as unknown as { __gosightPlayer: { state: string } }).__gosightPlayer.state !== 'playing', null, { timeout: 15_000 });
  await page.goto(`${server.url}/demo/`);
  await page.click('#add');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(violations, [], 'the policy breaks nothing the dashboard, the player or the demo does');
  await context.close();
});

test('other sites cannot frame the dashboard', async () => {
  const page = await (await browser.newContext()).newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.setContent(`<iframe id="f" src="${server.url}/"></iframe>`);
  await waitFor('the framing to be refused', async () => (messages.some((m) => /frame-ancestors|X-Frame-Options|Refused to (display|frame)/i.test(m)) ? true : undefined), 10_000);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(!frame || !(await frame.content().catch(() => '')).includes('id="root"'), 'the dashboard did not load inside the frame');
  await page.context().close();
});

test('nothing a recorded page carries runs in the player, and what the replay loads from the site carries no referrer', async (t) => {
  const sessionId = await postHostilePage();
  const page = await openPlayer(browser, server.url, sessionId);
  const violations = cspViolations(page);
  const replayFrame = page.frameLocator('iframe').first();
  await replayFrame.locator('#marker').waitFor({ timeout: 15_000 });
  await page.evaluate(() => (window as unknown as { __gosightPlayer: { play(): void } }).__gosightPlayer.play());
  await page.waitForFunction(() => (window as unknown as { __gosightPlayer: { state: string } }).__gosightPlayer.state !== 'playing', null, { timeout: 15_000 });
  // The replay loaded the site's image: the page was rebuilt. Then the network settles.
  await waitFor('the replay to load the recorded image', async () => (site.hits.some((h) => h.path === '/pixel.png') ? true : undefined), 10_000);
  await page.waitForLoadState('networkidle');
  const ran = site.hits.filter((h) => h.path.startsWith('/script-ran'));
  t.diagnostic(`requests the replay made to the recorded site: ${JSON.stringify(site.hits)}; CSP reports: ${violations.length}`);
  assert.deepEqual(ran, [], 'no recorded script, handler, frame or plugin ran');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
  // What the replayed elements load (images, stylesheets) carries no referrer, even when the
  // recorded page asks for one. What CSS itself loads (backgrounds, fonts) is fetched by
  // Chromium with the default policy whatever the document's: at most the dashboard's
  // origin, never the page's address (only serving assets through GoSight avoids that).
  const elementLoads = site.hits.filter((h) => h.path === '/pixel.png' || h.path === '/site.css');
  assert.equal(elementLoads.length, 2, JSON.stringify(site.hits));
  assert.ok(elementLoads.every((h) => h.referer === undefined), 'element loads carry no referrer');
  const cssLoads = site.hits.filter((h) => h.path === '/bg.png');
  assert.ok(cssLoads.every((h) => h.referer === undefined || h.referer === `${server.url}/`), `CSS loads carry at most the origin: ${JSON.stringify(cssLoads)}`);
  await page.context().close();
});
