import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { searchToParams, type SessionListResponse, type SessionSearch } from '@gosight/shared';
import { createClickHouseClient } from '../packages/server/src/store/index.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { recordDemoSession, type Recording } from './support/player-recording.js';
import { waitFor } from './support/api-client.js';

/**
 * Search by what happened, end to end: three sessions recorded by the SDK in Chromium on the
 * demo's own pages (a shop whose checkout fails, a long article, a settings form on a phone),
 * each found by every kind of filter, and only it, through the API and the dashboard; a
 * result opens the player at the moment that matched. The stored index is then read
 * directly: masked and blocked content is not in it.
 */
const KEY = 'gs_search_e2e';
const OUT_DIR = join(tmpdir(), 'gosight-search');
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let server: ServerProcess;
let browser: Browser;
let dataDir: string;
let shopper: Recording;
let reader: Recording;
let phone: Recording;

async function search(q: SessionSearch & { hasErrors?: boolean; hasRageClicks?: boolean }): Promise<SessionListResponse> {
  const params = new URLSearchParams(searchToParams(q));
  if (q.hasErrors) params.set('hasErrors', 'true');
  const res = await fetch(`${server.url}/api/sessions?${params}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as SessionListResponse;
}
const ids = async (q: SessionSearch) => (await search(q)).sessions.map((s) => s.sessionId).sort();

describe('search by what happened', { timeout: 180_000 }, () => {
  before(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'gosight-search-'));
    server = await startServerProcess({ dataDir, projectKey: KEY });
    browser = await launchBrowser();
    [shopper, reader, phone] = await Promise.all([
      recordDemoSession(browser, server.url, async (page, mark) => {
        await page.click('#sign-in');
        await page.click('button[data-sku="tiles"]');
        await page.click('button[data-sku="notebook"]');
        await page.click('#billing');
        await page.click('#promo');
        await page.fill('#card-name', 'Jane Q Cardholder');
        // A click on the sold-out button changes nothing: a dead click, judged once 2.5 s have passed.
        await page.click('.sold-out', { force: true });
        await page.mouse.move(10, 10);
        await page.waitForTimeout(2_700);
        await page.mouse.move(20, 20);
        await mark('pay');
        await page.click('#pay');
        await page.waitForFunction(() => document.getElementById('checkout-status')?.textContent?.startsWith('Payment failed'));
        await page.click('#to-article');
        await page.waitForURL('**/article.html');
      }, undefined, '/demo/shop.html'),
      recordDemoSession(browser, server.url, async (page, mark) => {
        await page.mouse.wheel(0, 30_000);
        await page.waitForFunction(() => window.scrollY > 2_000);
        await page.waitForTimeout(400);
        await mark('back');
        await page.click('#back-to-shop');
        await page.waitForURL('**/shop.html');
      }, undefined, '/demo/article.html'),
      recordDemoSession(browser, server.url, async (page) => {
        await page.fill('#nickname', 'Zebulon');
        await page.tap('#save');
        await page.waitForFunction(() => document.getElementById('save-status')?.textContent?.startsWith('Saved'));
      }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: IPHONE_UA }, '/demo/page2.html'),
    ]);
    // Each session's summary is written after its chunks: wait until all three are listed.
    await waitFor('the three sessions to be listed', async () => ((await ids({})).length === 3 ? true : undefined));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every kind of filter, with the one session it must find. */
  const cases = (): [string, SessionSearch, string[]][] => {
    const S = [shopper.sessionId];
    const R = [reader.sessionId];
    const P = [phone.sessionId];
    return [
      ['clicked text', { click: { text: 'pay now' } }, S],
      ['clicked id', { click: { id: 'pay' } }, S],
      ['clicked class', { click: { className: 'add-to-cart' } }, S],
      ['clicked aria-label', { click: { label: 'add notebook' } }, S],
      ['clicked selector', { click: { selector: 'form#checkout button.primary-action' } }, S],
      ['clicked selector (descendant, child)', { click: { selector: 'main #article-end > p > a' } }, R],
      ['clicked on a phone', { click: { text: 'Save settings' } }, P],
      ['visited shop then article', { visited: ['/shop.html', '/article.html'] }, S],
      ['visited article then shop', { visited: ['/article.html', '/shop.html'] }, R],
      ['visited, wildcard', { visited: ['http://*/demo/page2.html'] }, P],
      ['console error text', { error: 'gateway answered 503' }, S],
      ['request URL and 5xx', { request: { url: '/demo/api/checkout', status: { min: 500, max: 599 } } }, S],
      ['request method', { request: { method: 'POST' } }, S],
      ['custom event', { event: { name: 'checkout_failed' } }, S],
      ['custom event property', { event: { name: 'add_to_cart', prop: { key: 'sku', value: 'notebook' } } }, S],
      ['user id', { userId: 'shopper-42' }, S],
      ['user trait', { trait: { key: 'plan', value: 'pro' } }, S],
      ['device class', { device: 'mobile' }, P],
      ['OS', { os: 'iOS' }, P],
      ['browser', { browser: 'safari' }, P],
      ['viewport', { maxViewportWidth: 500 }, P],
      ['dead clicks', { hasDeadClicks: true }, S],
      ['combined', { click: { id: 'pay' }, request: { status: { min: 503, max: 503 } }, userId: 'shopper-42', device: 'desktop' }, S],
    ];
  };

  test('the API finds each session by every kind of filter, and only it', async () => {
    const wrong: string[] = [];
    for (const [name, q, expected] of cases()) {
      const got = await ids(q);
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${name}: ${JSON.stringify(q)} found ${got.length} (${got.join(', ')})`);
    }
    assert.deepEqual(wrong, []);
    for (const q of [{ click: { text: 'Nobody clicked this' } }, { error: 'gateway answered 404' }, { visited: ['/page2.html', '/shop.html'] }]) {
      assert.deepEqual(await ids(q), [], JSON.stringify(q));
    }
  });

  test('the dashboard finds each session by every kind of filter from its link, and says why', async () => {
    const page: Page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const wrong: string[] = [];
    for (const [name, q, expected] of cases()) {
      await page.goto(`${server.url}/?${new URLSearchParams(searchToParams(q))}`);
      // Settled: not busy, and either rows or the "no match" notice on screen.
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]')
        && (document.querySelector('[data-testid="session-row"]') || document.querySelector('[data-testid="sessions-none-match"]')));
      const rows = await page.locator('[data-testid="session-row"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.sessionId ?? ''));
      const reasons = await page.locator('[data-testid="session-match"]').count();
      if (JSON.stringify(rows.sort()) !== JSON.stringify(expected) || (reasons === 0 && !['device class', 'OS', 'browser', 'viewport'].includes(name))) {
        wrong.push(`${name}: rows ${rows.join(', ')}, ${reasons} reasons`);
      }
    }
    assert.deepEqual(wrong, []);
    await page.context().close();
  });

  test('each result says why it matched, at the moment it happened', async () => {
    const [row] = (await search({ click: { id: 'pay' }, request: { url: '/demo/api/checkout' }, event: { name: 'checkout_failed' } })).sessions;
    assert.deepEqual(row.matches?.map((m) => m.filter), ['click', 'request', 'event']);
    const [click, request, event] = row.matches!;
    assert.equal(click.label, 'Click on Pay now');
    assert.ok(click.timestamp >= shopper.marks.pay && click.timestamp < shopper.marks.pay + 2_000, 'the click is the one on Pay now');
    assert.match(request.label, /^POST .*\/demo\/api\/checkout 503$/);
    assert.ok(request.timestamp >= click.timestamp && event.timestamp >= request.timestamp, 'request after the click, event after the failure');
    const bad = await fetch(`${server.url}/api/sessions?clickSelector=${encodeURIComponent('a[href]')}`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /clickSelector/);
  });

  test('the dashboard searches, keeps the search in its URL, and opens a result at its moment', async () => {
    const page: Page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${server.url}/`);
    await page.click('[data-testid="search-toggle"]');
    await page.selectOption('[data-testid="search-click-part"]', 'clickSelector');
    await page.fill('[data-testid="search-click"]', 'form#checkout button');
    await page.fill('[data-testid="search-requestStatus"]', '5xx');
    await page.click('[data-testid="search-apply"]');
    await page.waitForFunction((id) => {
      const rows = Array.from(document.querySelectorAll('[data-testid="session-row"]'), (r) => (r as HTMLElement).dataset.sessionId);
      return rows.length === 1 && rows[0] === id && !document.querySelector('[aria-busy="true"]');
    }, shopper.sessionId);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('clickSelector'), 'form#checkout button');
    assert.equal(url.searchParams.get('requestStatus'), '5xx');
    await page.screenshot({ path: join(OUT_DIR, 'search-results.png'), fullPage: true });

    // A bad value is named before it is sent.
    await page.fill('[data-testid="search-requestStatus"]', 'soon');
    await page.click('[data-testid="search-apply"]');
    assert.match(await page.locator('[data-testid="search-problem"]').innerText(), /requestStatus/);

    // The link is the search: reloading it shows the same result, and the reason opens the player there.
    await page.goto(url.toString());
    const chip = page.locator('[data-testid="session-match"][data-filter="click"]');
    await chip.waitFor();
    assert.match(await chip.innerText(), /Clicked\s+Click on Pay now/);
    const href = (await chip.getAttribute('href'))!;
    const offset = Number(new URL(href, server.url).searchParams.get('t'));
    await chip.click();
    await page.waitForFunction((ms) => (window as unknown as { __gosightPlayer?: { ready: boolean; currentTime(): number } }).__gosightPlayer?.ready
      && (window as unknown as { __gosightPlayer: { currentTime(): number } }).__gosightPlayer.currentTime() === ms, offset, { timeout: 20_000 });
    const startedAt = await page.evaluate(() => (window as unknown as { __gosightPlayer: { startedAt: number } }).__gosightPlayer.startedAt);
    assert.ok(startedAt + offset >= shopper.marks.pay, 'the player opened at the click on Pay now');
    await page.context().close();
  });

  test('masked and blocked content never reaches the search index', async () => {
    await server.stop();
    const client = createClickHouseClient({ url: undefined, dataDir });
    try {
      const rows = await (await client.query({ query: 'SELECT * FROM gosight.replay_event_index', format: 'JSONEachRow', clickhouse_settings: { output_format_json_escape_forward_slashes: 0 } })).text();
      for (const visible of ['Pay now', 'add-to-cart', 'shopper-42', 'checkout_failed', '/demo/api/checkout', 'Save settings']) {
        assert.ok(rows.includes(visible), `the index holds "${visible}" (the scan is not vacuous)`);
      }
      for (const hidden of ['Rua das Flores', 'Lisboa', 'SECRET20', 'Members-only', 'Jane Q Cardholder', 'Cardholder', 'Zebulon']) {
        assert.ok(!rows.includes(hidden), `the index must not hold "${hidden}"`);
      }
      assert.ok(!/"text":"\*+"/.test(rows), 'masked text (asterisks) is not indexed as text');
    } finally {
      await client.close();
    }
  });
});
