import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLICK_BIN_PX, SCROLL_STEP_PX, type PageMap, type SessionStory } from '@gosight/shared';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { recordDemoSession, type Recording } from './support/player-recording.js';
import { waitFor } from './support/api-client.js';

/**
 * Click and scroll maps and the session story, end to end: sessions recorded in Chromium on
 * the demo shop, whose every click position and scroll depth the test notes itself in the
 * page, and compares with what the server aggregated and the dashboard drew.
 */
const KEY = 'gs_maps_story_e2e';
const OUT_DIR = join(tmpdir(), 'gosight-maps-story');
const SHOP = '/demo/shop.html';
const ARTICLE = '/demo/article.html';

interface Noted {
  /** Page position of every click, and the element's label as the test reads it. */
  clicks: { x: number; y: number; label: string }[];
  /** Deepest page pixel seen: scroll offset plus viewport height. */
  depth: number;
}

let server: ServerProcess;
let browser: Browser;
const noted = new Map<string, Noted>();
let checkout: Recording;
/** One shop session at a wider viewport: its clicks are on another layout. */
const wide: Noted = { clicks: [], depth: 0 };
const WIDE_PX = 1400;
/** Deepest page pixel of each article session. */
const articleDepths: number[] = [];

/**
 * Clicks the element's centre `times` times in a row (through the mouse, as a visitor would)
 * and notes where that is on the page. Repeated clicks go as one burst (the browser's own
 * multi-click: a click event per press, as a visitor's fast clicks), so that three make a
 * rage click however busy the machine running the test is.
 */
async function clickNoted(page: Page, note: Noted, selector: string, label: string, times = 1): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, selector);
  // Whole pixels: the recording keeps the pointer's position as the page reports it.
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + box.height / 2);
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  for (let i = 0; i < times; i++) note.clicks.push({ x: x + scroll.x, y: y + scroll.y, label });
  await page.mouse.click(x, y, { clickCount: times });
}

/**
 * A last event, now: the recording helper knows the session is stored once it reaches the
 * moment the script ended, so a script whose last action may have been recorded over a
 * second before that (on a busy machine) ends with this.
 */
async function markDone(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { GoSight: { event(name: string): void } }).GoSight.event('script_done'));
}

async function noteDepth(page: Page, note: Noted): Promise<void> {
  note.depth = Math.max(note.depth, await page.evaluate(() => window.scrollY + window.innerHeight));
}

async function scrollTo(page: Page, note: Noted, y: number): Promise<void> {
  await page.evaluate((top) => window.scrollTo(0, top), y);
  await page.waitForFunction((top) => Math.abs(window.scrollY - Math.min(top, document.documentElement.scrollHeight - window.innerHeight)) < 2, y);
  // The SDK samples scrolls; the last position of a burst is sent once the sampling interval has passed.
  await page.waitForTimeout(250);
  await noteDepth(page, note);
}

describe('click and scroll maps, and the session story', { timeout: 180_000 }, () => {
  before(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-maps-')), projectKey: KEY });
    browser = await launchBrowser();
    const record = (act: (page: Page, note: Noted) => Promise<void>, width = 1024) => recordDemoSession(browser, server.url, async (page) => {
      const note: Noted = width === WIDE_PX ? wide : { clicks: [], depth: 0 };
      await noteDepth(page, note);
      await act(page, note);
      if (width !== WIDE_PX) noted.set(await page.evaluate(() => (window as unknown as { GoSight: { getSessionId(): string } }).GoSight.getSessionId()), note);
    }, { viewport: { width, height: 700 } }, SHOP);
    // Readers of the long article who stop at different depths: the scroll map's known answer.
    const read = (stopAt: number) => recordDemoSession(browser, server.url, async (page) => {
      const note: Noted = { clicks: [], depth: 0 };
      await noteDepth(page, note);
      for (let y = 700; y <= stopAt; y += 700) await scrollTo(page, note, y);
      articleDepths.push(note.depth);
      await markDone(page);
    }, { viewport: { width: 1024, height: 700 } }, ARTICLE);
    const [, , , , , , third] = await Promise.all([
      read(0), read(1_400), read(2_800), read(9_800),
      record(async (page, note) => {
        await clickNoted(page, note, 'button[data-sku="tiles"]', 'Add tiles to cart');
        await clickNoted(page, note, 'button[data-sku="notebook"]', 'Add notebook to cart');
        await markDone(page);
      }),
      record(async (page, note) => {
        // Three quick clicks on one button: a rage click.
        await clickNoted(page, note, 'button[data-sku="tiles"]', 'Add tiles to cart', 3);
        await scrollTo(page, note, 10_000);
        await markDone(page);
      }),
      record(async (page, note) => {
        await clickNoted(page, note, '#sign-in', 'Sign in as demo shopper');
        await clickNoted(page, note, '#billing', '');
        await page.fill('#card-name', 'Jane Q Cardholder');
        await scrollTo(page, note, 300);
        await clickNoted(page, note, '#pay', 'Pay now');
        await page.waitForFunction(() => document.getElementById('checkout-status')?.textContent?.startsWith('Payment failed'));
        await page.waitForTimeout(300);
      }),
      record(async (page, note) => {
        await clickNoted(page, note, 'button[data-sku="tiles"]', 'Add tiles to cart');
        await markDone(page);
      }, WIDE_PX),
    ]);
    checkout = third;
    // Listing rows (which hold the device class) are written just after the chunks the recordings waited for.
    await waitFor('the eight sessions to be listed', async () => ((await (await fetch(`${server.url}/api/sessions`)).json()) as { total: number }).total === 8 || undefined);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the page map has the clicks and scroll depths the test noted, per square, per element and per session', async () => {
    const res = await fetch(`${server.url}/api/maps?url=${encodeURIComponent(SHOP)}&device=desktop&minViewportWidth=1024&maxViewportWidth=1024`);
    assert.equal(res.status, 200);
    const map = (await res.json()) as PageMap;
    assert.equal(map.sessions, 3);
    // Expected squares, from the noted positions alone.
    const expected = new Map<string, number>();
    for (const note of noted.values()) {
      for (const c of note.clicks) {
        const key = `${Math.floor(c.x / CLICK_BIN_PX) * CLICK_BIN_PX},${Math.floor(c.y / CLICK_BIN_PX) * CLICK_BIN_PX}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const got = new Map(map.clicks.map((b) => [`${b.x},${b.y}`, b.clicks]));
    assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...expected].sort()), 'clicks per square');
    assert.equal(map.clicks.reduce((n, b) => n + b.rageClicks, 0), 1, 'one rage click');
    assert.equal(map.clicks.reduce((n, b) => n + b.deadClicks, 0), 0, 'every click here changed the page');
    const tiles = map.topElements.find((e) => e.ariaLabel === 'Add tiles to cart');
    assert.deepEqual([tiles?.clicks, tiles?.sessions, tiles?.rageClicks], [4, 2, 1]);
    assert.equal(map.topElements[0], tiles, 'the most clicked element first');
    assert.ok(map.topElements.some((e) => e.ariaLabel === 'Pay now' || e.text === 'Pay now'));
    // Scroll: the share of sessions whose deepest point reached each step.
    const depths = [...noted.values()].map((n) => n.depth);
    for (const r of map.scroll) {
      assert.equal(r.sessions, depths.filter((d) => d >= r.depth).length, `sessions that saw ${r.depth} px`);
    }
    assert.equal(map.scroll.at(-1)?.depth, Math.floor(Math.max(...depths) / SCROLL_STEP_PX) * SCROLL_STEP_PX);
    assert.equal(map.snapshot?.viewportWidth, 1024);
    assert.equal((await fetch(`${server.url}/api/maps?device=desktop`)).status, 400, 'the page is required');
  });

  test('the page map is drawn at one width when asked, and says which widths the page was viewed at', async () => {
    const shop = (query = '') => fetch(`${server.url}/api/maps?url=${encodeURIComponent(SHOP)}${query}`).then(async (r) => (await r.json()) as PageMap);
    const all = await shop();
    assert.deepEqual(all.widths, [{ width: 1024, sessions: 3 }, { width: WIDE_PX, sessions: 1 }]);
    assert.equal(all.sessions, 4);
    const atWide = await shop(`&minViewportWidth=${WIDE_PX}&maxViewportWidth=${WIDE_PX}`);
    assert.equal(atWide.sessions, 1);
    const [c] = wide.clicks;
    assert.deepEqual(atWide.clicks.map((b) => [b.x, b.y, b.clicks]),
      [[Math.floor(c.x / CLICK_BIN_PX) * CLICK_BIN_PX, Math.floor(c.y / CLICK_BIN_PX) * CLICK_BIN_PX, 1]], 'the wide session\'s click alone, where it was on its layout');
    assert.equal(atWide.snapshot?.viewportWidth, WIDE_PX);
    assert.deepEqual(atWide.widths, all.widths, 'the widths on offer do not depend on the one chosen');
    const bad = await fetch(`${server.url}/api/maps?url=${encodeURIComponent(SHOP)}&minViewportWidth=wide`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /minViewportWidth/);
  });

  test('the dashboard draws the maps over a replay of that page, with the same counts', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage();
    await page.goto(`${server.url}/`);
    await page.click('[data-testid="nav-maps"]');
    await page.fill('[data-testid="map-url"]', SHOP);
    await page.click('[data-testid="map-apply"]');
    // Viewed at two widths: the page says so, and one width is chosen from those on offer.
    await page.locator('[data-testid="map-mixed-widths"]').waitFor();
    assert.deepEqual(await page.locator('[data-testid="map-width"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['', '1024', String(WIDE_PX)]);
    await page.selectOption('[data-testid="map-width"]', '1024');
    await page.waitForFunction(() => document.querySelector('[data-testid="map-stats"]')?.getAttribute('data-sessions') === '3');
    assert.equal(new URL(page.url()).searchParams.get('width'), '1024');
    assert.equal(await page.locator('[data-testid="map-mixed-widths"]').count(), 0);
    const stage = page.locator('[data-testid="map-stage"][data-state="drawn"]');
    await stage.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => (document.querySelector('[data-testid="map-overlay"]') as HTMLCanvasElement | null)?.dataset.drawn === 'clicks');
    const stats = page.locator('[data-testid="map-stats"]');
    const clicks = [...noted.values()].reduce((n, note) => n + note.clicks.length, 0);
    assert.deepEqual([await stats.getAttribute('data-sessions'), await stats.getAttribute('data-clicks'), await stats.getAttribute('data-rage')], ['3', String(clicks), '1']);
    // The right page under the map: the replayed shop, stretched to its whole height.
    const replayed = await page.evaluate(() => {
      const doc = (document.querySelector('.map-replay iframe') as HTMLIFrameElement).contentDocument!;
      return { pay: doc.querySelector('#pay')?.textContent, height: doc.documentElement.scrollHeight };
    });
    assert.equal(replayed.pay, 'Pay now');
    assert.ok(Number(await stage.getAttribute('data-page-height')) >= replayed.height - 1);
    // The overlay has colour where the busiest square is, and none far from any click.
    const busiest = (await (await fetch(`${server.url}/api/maps?url=${encodeURIComponent(SHOP)}`)).json() as PageMap).clicks[0];
    const alpha = await page.evaluate(([x, y]) => {
      const canvas = document.querySelector('[data-testid="map-overlay"]') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      return [ctx.getImageData(Math.floor(x * 0.5), Math.floor(y * 0.5), 1, 1).data[3], ctx.getImageData(2, canvas.height - 3, 1, 1).data[3]];
    }, [busiest.x + 5, busiest.y + 5]);
    assert.ok(alpha[0] > 100 && alpha[1] === 0, `overlay alpha at the busiest square ${alpha[0]}, far away ${alpha[1]}`);
    assert.equal(await page.locator('[data-testid="top-element"]').first().getAttribute('data-clicks'), '4');
    await stage.screenshot({ path: join(OUT_DIR, 'click-map.png') });
    await page.screenshot({ path: join(OUT_DIR, 'click-map-page.png'), fullPage: true });
    await page.click('[data-testid="map-view-scroll"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="map-overlay"]') as HTMLCanvasElement | null)?.dataset.drawn === 'scroll');
    assert.equal(new URL(page.url()).searchParams.get('view'), 'scroll');

    // The scroll map of the long article, where readers stopped at known depths.
    await page.fill('[data-testid="map-url"]', ARTICLE);
    await page.click('[data-testid="map-apply"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="map-stats"]')?.getAttribute('data-sessions') === '4');
    // Drawn over the article now: the replay is the article's full height, and the overlay as tall.
    await page.waitForFunction(() => {
      const stageEl = document.querySelector('[data-testid="map-stage"][data-state="drawn"]');
      const canvas = document.querySelector('[data-testid="map-overlay"]') as HTMLCanvasElement | null;
      return Number(stageEl?.getAttribute('data-page-height')) > 3_000 && canvas?.dataset.drawn === 'scroll' && canvas.height * 2 >= Number(stageEl?.getAttribute('data-page-height'));
    });
    assert.match(await page.evaluate(() => (document.querySelector('.map-replay iframe') as HTMLIFrameElement).contentDocument!.querySelector('h1')?.textContent ?? ''), /Lisbon's tiles/);
    const map = (await (await fetch(`${server.url}/api/maps?url=${encodeURIComponent(ARTICLE)}`)).json()) as PageMap;
    assert.equal(map.scrollSessions, 4);
    for (const r of map.scroll) assert.equal(r.sessions, articleDepths.filter((d) => d >= r.depth).length, `article readers past ${r.depth} px`);
    // Darker where fewer read: the top (everyone) is clear, past the second reader's stop it is shaded.
    const shade = await page.evaluate(([top, deep]) => {
      const ctx = (document.querySelector('[data-testid="map-overlay"]') as HTMLCanvasElement).getContext('2d')!;
      return [ctx.getImageData(300, Math.floor(top * 0.5), 1, 1).data[3], ctx.getImageData(300, Math.floor(deep * 0.5), 1, 1).data[3]];
    }, [50, [...articleDepths].sort((a, b) => a - b)[2] + 150]);
    assert.ok(shade[0] === 0 && shade[1] > 60, `shade at the top ${shade[0]}, deep down ${shade[1]} (readers stopped at ${JSON.stringify(articleDepths)})`);
    await stage.screenshot({ path: join(OUT_DIR, 'scroll-map.png') });
    await page.context().close();
  });

  test('the story tells the failed checkout in words, links each step to its moment, and holds no private text', async () => {
    const base = `${server.url}/api/sessions/${checkout.sessionId}/story`;
    const story = (await (await fetch(base)).json()) as SessionStory;
    const texts = story.steps.map((s) => s.text);
    for (const expected of [/^Opened \/demo\/shop\.html/, /^Clicked “Sign in as demo shopper”\.$/, /^Identified as “shopper-42”\.$/, /^Filled in “Name on card”\.$|^Filled in input#card-name\.$/,
      /^Clicked “Pay now”\.$/, /^Request failed: POST \/demo\/api\/checkout answered 503\.$/, /^Error: Payment failed: the gateway answered 503/, /^Event “checkout_failed”/, /^Gave up on \/demo\/shop\.html/]) {
      assert.ok(texts.some((t) => expected.test(t)), `a step like ${expected}: ${JSON.stringify(texts, null, 1)}`);
    }
    assert.match(story.summary, /1 error, 1 failed request\. Identified as “shopper-42”\./);
    const all = JSON.stringify(story);
    for (const hidden of ['Rua das Flores', 'Lisboa', 'Jane Q', 'Cardholder', 'SECRET20']) assert.ok(!all.includes(hidden), `the story must not hold "${hidden}"`);
    const text = await fetch(`${base}?format=text`);
    assert.match(text.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await text.text(), /\n\[0:\d\d\] Clicked “Pay now”\.\n/);

    const page = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
    await page.goto(`${server.url}/sessions/${checkout.sessionId}`);
    await page.click('[data-testid="tab-story"]');
    const pay = page.locator('[data-testid="story-step"]', { hasText: 'Clicked “Pay now”.' });
    await pay.waitFor();
    const offset = Number(await pay.getAttribute('data-offset'));
    await pay.click();
    await page.waitForFunction((ms) => (window as unknown as { __gosightPlayer?: { currentTime(): number } }).__gosightPlayer?.currentTime() === ms, offset);
    await page.waitForFunction(() => document.querySelector('.story-step.current [data-testid="story-step"]')?.textContent?.includes('Pay now'));
    await page.locator('[data-testid="player-layout"]').screenshot({ path: join(OUT_DIR, 'session-story.png') });
    await page.context().close();
  });
});
