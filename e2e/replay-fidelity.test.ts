import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { fetchManifest, waitFor } from './support/api-client.js';
import { comparePngs } from './support/pixels.js';

const KEY = 'gs_fidelity_test';
const VIEWPORT = { width: 1024, height: 700 };
const OUT_DIR = fileURLToPath(new URL('../test-results/replay-fidelity/', import.meta.url));
const MAX_DIFF_RATIO = 0.01;

interface Moment {
  name: string;
  at: number;
  png: Buffer;
}

/** Screenshot of the live page at a quiet moment, with the time the recording knows it by. */
async function capture(page: Page, name: string): Promise<Moment> {
  // No focus ring or caret (the replay has neither) and the pointer out of the way.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
  await page.waitForTimeout(400);
  const png = await page.screenshot();
  const at = await page.evaluate(() => Date.now());
  await page.waitForTimeout(100);
  return { name, at, png };
}

test('a demo session replays pixel for pixel: live page vs player at several moments', { timeout: 240_000 }, async () => {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-fidelity-')), projectKey: KEY });
  const browser = await launchBrowser();
  try {
    const live = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await live.goto(`${server.url}/demo/`);
    const sessionId = await waitFor('the SDK to start a session', async () =>
      (await live.evaluate(() => (window as unknown as { GoSight?: { getSessionId(): string | null } }).GoSight?.getSessionId() ?? null)) ?? undefined, 10_000);

    const moments: Moment[] = [];
    moments.push(await capture(live, '1-loaded'));

    await live.fill('#name', 'Oat milk');
    await live.click('#add');
    await live.fill('#name', 'Sourdough bread');
    await live.click('#add');
    await live.fill('#name', 'Blueberries');
    await live.click('#add');
    await live.check('#urgent');
    await live.selectOption('#category', { index: 2 });
    moments.push(await capture(live, '2-list-filled'));

    await live.click('#remove');
    await live.mouse.wheel(0, 400);
    moments.push(await capture(live, '3-scrolled'));

    await live.click('#to-page2');
    await live.waitForURL('**/page2.html');
    await live.click('#increment');
    await live.click('#increment');
    await live.fill('#city', 'Lisbon');
    moments.push(await capture(live, '4-second-page'));

    // One more recorded event after the last moment, then leave: pagehide sends the last batch.
    const last = moments[moments.length - 1].at;
    await live.mouse.click(5, VIEWPORT.height - 5);
    await live.close({ runBeforeUnload: true });
    const manifest = await waitFor('the session to be stored up to the last moment', async () => {
      const m = await fetchManifest(server.url, sessionId);
      return m && m.endedAt >= last && m.chunks.length >= 2 ? m : undefined;
    }, 30_000, 250);

    const player = await (await browser.newContext({ viewport: { width: 1500, height: 1100 } })).newPage();
    await player.goto(`${server.url}/sessions/${sessionId}`);
    await player.waitForFunction(() => (window as unknown as { __gosightPlayer?: { ready: boolean } }).__gosightPlayer?.ready === true, null, { timeout: 30_000 });
    // rrweb draws its own cursor and trail over the iframe; they are not part of the page.
    await player.addStyleTag({ content: '.replayer-mouse, .replayer-mouse-tail { display: none !important; }' });
    const results: string[] = [];
    for (const m of moments) {
      const offset = m.at - manifest.startedAt;
      await player.evaluate((ms) => (window as unknown as { __gosightPlayer: { seek(ms: number): Promise<void> } }).__gosightPlayer.seek(ms), offset);
      await player.waitForTimeout(300);
      const iframe = player.locator('[data-testid="replay-root"] iframe').first();
      const png = await iframe.screenshot();
      const diff = comparePngs(m.png, png, OUT_DIR, m.name);
      results.push(`${m.name}: ${diff.differing} of ${diff.width * diff.height} pixels differ (${(diff.ratio * 100).toFixed(3)}%)`);
      assert.ok(diff.ratio <= MAX_DIFF_RATIO, `${m.name}: ${(diff.ratio * 100).toFixed(2)}% of pixels differ (limit 1%); see ${OUT_DIR}`);
    }
    console.log(`replay fidelity (${moments.length} moments, ${manifest.chunks.length} chunks):\n  ${results.join('\n  ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
});
