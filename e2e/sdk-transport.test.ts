import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { acceptedMarks, sdkContext, sessionIdOf, until } from './support/sdk-page.js';
import { startFakeIngest, startFixtureServer, type FakeIngest, type Listening } from './support/sdk-servers.js';

const KEY = 'gs_sdk_transport_test';
const mark = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { mark(n: string): void }).mark(n), name);

/** Seqs the ingest accepted for a session, sorted; and how often each was accepted. */
function acceptedSeqs(ingest: FakeIngest, sessionId: string): { seqs: number[]; accepts: Map<number, number> } {
  const accepts = new Map<number, number>();
  for (const r of ingest.requests) {
    if (r.batch?.sessionId === sessionId && r.status === 200) accepts.set(r.batch.seq, (accepts.get(r.batch.seq) ?? 0) + 1);
  }
  return { seqs: [...accepts.keys()].sort((a, b) => a - b), accepts };
}

const contiguous = (seqs: number[]) => seqs.every((seq, i) => seq === i);

let browser: Browser;
let site: Listening;

test.before(async () => {
  site = await startFixtureServer();
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Records `count` marks through a fake ingest that answers as `answer` says, waits until
 * each is accepted, and checks that none was lost or accepted twice; returns the POSTs.
 */
async function marksThrough(answer: Parameters<FakeIngest['answer']>[0], prefix: string, count: number): Promise<FakeIngest['requests']> {
  const ingest = await startFakeIngest();
  ingest.answer(answer);
  try {
    const page = await (await sdkContext(browser, { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250 })).newPage();
    await page.goto(`${site.url}/transport.html`);
    const sessionId = await sessionIdOf(page);
    const names = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    for (const name of names) {
      await mark(page, name);
      await page.waitForTimeout(100);
    }
    await until('every mark to be accepted', () => acceptedMarks(ingest, sessionId).size === names.length, 20_000);
    await page.waitForTimeout(500);
    const marks = acceptedMarks(ingest, sessionId);
    assert.deepEqual([...marks.entries()].filter(([, n]) => n !== 1), [], 'each mark in exactly one accepted batch');
    const { seqs, accepts } = acceptedSeqs(ingest, sessionId);
    assert.ok(contiguous(seqs), `accepted seqs ${seqs.join(',')}`);
    assert.deepEqual([...accepts.values()].filter((n) => n !== 1), [], 'no seq accepted twice');
    await page.close();
    return ingest.requests;
  } finally {
    await ingest.close();
  }
}

test('transport: the server answers 503, then 200: nothing lost, nothing doubled, Retry-After honoured', { timeout: 30_000 }, async () => {
  // First POST: a bare 503 (exponential backoff); the next two: 503 with Retry-After: 1.
  const posts = await marksThrough((n) => (n === 0 ? { status: 503 } : n <= 2 ? { status: 503, headers: { 'Retry-After': '1' } } : { status: 200 }), 'm', 12);
  assert.deepEqual(posts.slice(0, 3).map((r) => r.status), [503, 503, 503]);
  // The refused batch was resent with the same bytes, after at least the Retry-After second.
  assert.equal(posts[1].batch?.seq, posts[0].batch?.seq);
  assert.equal(posts[1].text, posts[0].text);
  assert.ok(posts[2].at - posts[1].at >= 950, `waited ${posts[2].at - posts[1].at} ms after Retry-After: 1`);
  assert.ok(posts[3].at - posts[2].at >= 950, `waited ${posts[3].at - posts[2].at} ms after Retry-After: 1`);
  const gap = posts[1].at - posts[0].at;
  assert.ok(gap >= 400 && gap < 2000, `first backoff ${gap} ms (0.5-1 s with jitter)`);
});

test('transport: the server rate-limits (429 with Retry-After), then accepts: nothing lost, nothing doubled', { timeout: 30_000 }, async () => {
  // What GoSight answers past --ingest-rate-per-key or --ingest-rate-per-address.
  const posts = await marksThrough((n) => (n <= 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 }), 'r', 6);
  assert.deepEqual(posts.slice(0, 2).map((r) => r.status), [429, 429]);
  assert.equal(posts[1].text, posts[0].text, 'the refused batch was resent as it was');
  assert.ok(posts[2].at - posts[1].at >= 950, `waited ${posts[2].at - posts[1].at} ms after Retry-After: 1`);
});

test('transport: the network goes offline and comes back: the queue drains', { timeout: 30_000 }, async () => {
  const ingest = await startFakeIngest();
  try {
    const context = await sdkContext(browser, { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250 });
    const page = await context.newPage();
    await page.goto(`${site.url}/transport.html`);
    const sessionId = await sessionIdOf(page);
    await mark(page, 'online-before');
    await until('the first mark', () => acceptedMarks(ingest, sessionId).has('online-before'));

    await context.setOffline(true);
    const postsBefore = ingest.requests.length;
    const offlineNames = ['off-1', 'off-2', 'off-3', 'off-4', 'off-5'];
    for (const name of offlineNames) {
      await mark(page, name);
      await page.waitForTimeout(300);
    }
    assert.equal(ingest.requests.length, postsBefore, 'nothing reaches the server while offline');

    await context.setOffline(false);
    await until('the queue to drain', () => offlineNames.every((name) => acceptedMarks(ingest, sessionId).has(name)), 10_000);
    await mark(page, 'online-after');
    await until('a mark after the outage', () => acceptedMarks(ingest, sessionId).has('online-after'));

    const marks = acceptedMarks(ingest, sessionId);
    assert.deepEqual([...marks.values()].filter((n) => n !== 1), []);
    const { seqs } = acceptedSeqs(ingest, sessionId);
    assert.ok(contiguous(seqs), `accepted seqs ${seqs.join(',')}`);
    await page.close();
  } finally {
    await ingest.close();
  }
});

test('transport: the tab closes mid-session: the last batch arrives, a large one gzipped', { timeout: 30_000 }, async () => {
  const ingest = await startFakeIngest();
  try {
    const page = await (await sdkContext(browser, { endpoint: ingest.url, projectKey: KEY })).newPage();
    await page.goto(`${site.url}/transport.html`);
    const sessionId = await sessionIdOf(page);
    await until('the first snapshot', () => acceptedSeqs(ingest, sessionId).seqs.length > 0);

    // The unload path alone (a pagehide the page survives): ~150 KB still in the 5 s buffer goes
    // at once, gzipped synchronously to fit the 64 KiB keepalive budget.
    await page.evaluate(() => (window as unknown as { bigText(n: number): void }).bigText(150_000));
    await mark(page, 'big-batch');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await until('the large batch', () => acceptedMarks(ingest, sessionId).has('big-batch'), 5_000);
    const big = ingest.requests.find((r) => r.text.includes('big-batch'));
    assert.ok(big);
    assert.equal(big.headers['content-encoding'], 'gzip');
    assert.ok(big.raw.length <= 60_000 && big.text.length > 150_000, `${big.text.length} characters sent as ${big.raw.length} bytes`);

    // The real thing: the tab closes with a mark still buffered.
    await mark(page, 'last-words');
    await page.close({ runBeforeUnload: true });
    await until('the last batch', () => acceptedMarks(ingest, sessionId).has('last-words'), 10_000);
    assert.ok(contiguous(acceptedSeqs(ingest, sessionId).seqs));
    assert.deepEqual([...acceptedMarks(ingest, sessionId).values()], [1, 1]);
  } finally {
    await ingest.close();
  }
});

test('transport: the queue survives a reload while the server is down', { timeout: 30_000 }, async () => {
  const ingest = await startFakeIngest();
  ingest.answer(() => ({ status: 503, headers: { 'Retry-After': '1' } }));
  try {
    const page = await (await sdkContext(browser, { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250 })).newPage();
    await page.goto(`${site.url}/transport.html`);
    const sessionId = await sessionIdOf(page);
    await mark(page, 'before-reload');
    await until('the server to refuse the first batch twice', () => ingest.requests.length >= 2);
    await page.waitForTimeout(300); // the mark's batch is cut and waits behind the refused one

    // Everything the old page sends, its last keepalive requests included, is refused.
    await page.reload();
    assert.equal(await sessionIdOf(page), sessionId, 'one session per tab across navigations');
    await page.waitForTimeout(200);
    const upAt = Date.now();
    ingest.answer(() => ({ status: 200 }));
    await mark(page, 'after-reload');
    await until('both marks', () => {
      const marks = acceptedMarks(ingest, sessionId);
      return marks.has('before-reload') && marks.has('after-reload');
    }, 10_000);
    const delivered = ingest.requests.find((r) => r.status === 200 && r.text.includes('before-reload'));
    assert.ok(delivered && delivered.at >= upAt, 'delivered by the new page, from the parked queue');
    assert.equal(acceptedMarks(ingest, sessionId).get('before-reload'), 1);
    const { seqs } = acceptedSeqs(ingest, sessionId);
    assert.ok(contiguous(seqs), `accepted seqs ${seqs.join(',')}`);
    await page.close();
  } finally {
    await ingest.close();
  }
});
