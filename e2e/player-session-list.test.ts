import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { SessionListResponse } from '@gosight/shared';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { fetchAllEvents, waitFor } from './support/api-client.js';
import { recordDemoSession, type Recording } from './support/player-recording.js';
import { buildSession, postSessions, waitForChunks, type SyntheticSession } from './support/player-synthetic.js';

/**
 * The session list: two sessions recorded by the SDK (one with errors, a rage click and a
 * second page; one plain) plus copies of the plain one's chunk posted as more sessions (one
 * of them three minutes long), enough to page through.
 */
const KEY = 'gs_player_list';
const COPIES = 25;
const MINUTE_MS = 60_000;

let server: ServerProcess;
let browser: Browser;
let troubled: Recording;
let plain: Recording;
let long: SyntheticSession;
let oldest: SyntheticSession;

async function openList(query = ''): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`${server.url}/${query}`);
  return page;
}

/** Session ids of the rows on screen, once the list has settled on `expected` rows. */
async function rowIds(page: Page, expected?: number): Promise<string[]> {
  if (expected !== undefined) {
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="session-row"]').length === n && !document.querySelector('[aria-busy="true"]'), expected);
  }
  return page.locator('[data-testid="session-row"]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.sessionId ?? ''));
}

describe('session list: search, filters, sort, columns and pages', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-player-list-')), projectKey: KEY });
    browser = await launchBrowser();
    [troubled, plain] = await Promise.all([
      recordDemoSession(browser, server.url, async (page) => {
        await page.click('#add');
        await page.click('#error');
        for (let i = 0; i < 4; i++) await page.click('#remove', { delay: 20 });
        await page.waitForTimeout(300);
        await page.click('#to-page2');
        await page.waitForURL('**/page2.html');
        await page.click('#increment');
        await page.waitForTimeout(300);
      }),
      recordDemoSession(browser, server.url, async (page) => {
        await page.click('#add');
        await page.waitForTimeout(300);
      }),
    ]);
    const template = (await fetchAllEvents(server.url, plain.sessionId)).chunks[0];
    const now = Date.now();
    const copies = Array.from({ length: COPIES }, (_, i) => buildSession(template, { copies: 1, startedAt: now - (i + 2) * 10 * MINUTE_MS }));
    oldest = copies[copies.length - 1];
    long = buildSession(template, { copies: 3, startedAt: now - MINUTE_MS * 5 });
    await postSessions(server.url, KEY, [...copies, long], 8);
    await waitForChunks(server.url, long, 3);
    await waitFor('all sessions listed', async () => {
      const list = (await (await fetch(`${server.url}/api/sessions?limit=200`)).json()) as SessionListResponse;
      return list.total === COPIES + 3 ? true : undefined;
    }, 60_000, 250);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('each row shows duration, pages, clicks, errors and rage clicks; 28 sessions page by 25', async () => {
    const page = await openList();
    assert.equal((await rowIds(page, 25)).length, 25);
    assert.equal(await page.locator('[data-testid="pagination-range"]').textContent(), '1–25 of 28');
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/player/session-list.png', import.meta.url)) });
    const row = page.locator(`[data-session-id="${troubled.sessionId}"]`);
    assert.equal(await row.locator('[data-testid="cell-pages"]').textContent(), '2');
    assert.ok(Number(await row.locator('[data-testid="cell-clicks"]').textContent()) >= 7);
    assert.ok(Number(await row.locator('[data-testid="cell-errors"]').textContent()) >= 1);
    assert.equal(await row.locator('[data-testid="cell-rage"]').textContent(), '1');
    assert.match((await row.locator('[data-testid="cell-duration"]').textContent()) ?? '', /^0:0\d$/);
    const longRow = page.locator(`[data-session-id="${long.sessionId}"]`);
    assert.match((await longRow.locator('[data-testid="cell-duration"]').textContent()) ?? '', /^2:0\d$/, 'three copies a minute apart');

    await page.click('[data-testid="page-next"]');
    assert.equal((await rowIds(page, 3)).length, 3);
    assert.equal(await page.locator('[data-testid="pagination-range"]').textContent(), '26–28 of 28');
    assert.match(page.url(), /offset=25/);
    await page.context().close();
  });

  test('filters: has errors, has rage clicks, URL, duration and date range', async () => {
    const page = await openList();
    await rowIds(page, 25);
    await page.click('[data-testid="filter-has-errors"]');
    assert.deepEqual(await rowIds(page, 1), [troubled.sessionId]);
    assert.match(page.url(), /hasErrors=true/);
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/player/session-list-filtered.png', import.meta.url)) });
    await page.click('[data-testid="filter-has-errors"]');
    await page.click('[data-testid="filter-has-rage"]');
    assert.deepEqual(await rowIds(page, 1), [troubled.sessionId]);
    await page.click('[data-testid="filter-clear"]');
    await rowIds(page, 25);

    await page.fill('[data-testid="filter-url"]', 'page2');
    assert.deepEqual(await rowIds(page, 1), [troubled.sessionId], 'a URL of any page of the session matches');
    await page.click('[data-testid="filter-clear"]');
    await rowIds(page, 25);

    await page.selectOption('[data-testid="filter-min-duration"]', String(MINUTE_MS));
    assert.deepEqual(await rowIds(page, 1), [long.sessionId]);
    await page.selectOption('[data-testid="filter-min-duration"]', '');
    await page.selectOption('[data-testid="filter-max-duration"]', String(MINUTE_MS));
    assert.ok(!(await rowIds(page, 25)).includes(long.sessionId));

    const day = (offsetDays: number) => {
      const date = new Date(Date.now() + offsetDays * 86_400_000);
      return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    };
    await page.click('[data-testid="filter-clear"]');
    await page.fill('[data-testid="filter-from"]', day(1));
    await page.locator('[data-testid="sessions-none-match"]').waitFor();
    await page.fill('[data-testid="filter-from"]', day(-1));
    await page.fill('[data-testid="filter-to"]', day(0));
    await rowIds(page, 25);
    assert.equal(await page.locator('[data-testid="pagination-range"]').textContent(), '1–25 of 28');
    await page.context().close();
  });

  test('sorting by the select and by column headers; filters live in the URL', async () => {
    const page = await openList('?sort=longest');
    assert.equal((await rowIds(page, 25))[0], long.sessionId);
    await page.selectOption('[data-testid="filter-sort"]', 'oldest');
    await page.waitForFunction((id) => document.querySelector('[data-testid="session-row"]')?.getAttribute('data-session-id') === id, oldest.sessionId);
    await page.click('[data-testid="sort-errors"]');
    await page.waitForFunction((id) => document.querySelector('[data-testid="session-row"]')?.getAttribute('data-session-id') === id, troubled.sessionId);
    assert.match(page.url(), /sort=most_errors/);
    await page.click('[data-testid="sort-started"]');
    const newest = await rowIds(page);
    assert.ok([troubled.sessionId, plain.sessionId].includes(newest[0]), 'the two live recordings are the newest');

    const shared = await openList('?hasRageClicks=true');
    assert.deepEqual(await rowIds(shared, 1), [troubled.sessionId]);
    assert.equal(await shared.getAttribute('[data-testid="filter-has-rage"]', 'aria-pressed'), 'true');
    await shared.click(`[data-session-id="${troubled.sessionId}"] td:nth-child(2)`);
    await shared.waitForURL(`**/sessions/${troubled.sessionId}`);
    await shared.waitForFunction(() => (window as unknown as { __gosightPlayer?: { ready: boolean } }).__gosightPlayer?.ready === true);
    await shared.context().close();
    await page.context().close();
  });
});
