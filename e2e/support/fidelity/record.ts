import type { Browser, Page } from 'playwright-core';
import type { FidelityPage } from './pages.js';

export const FIDELITY_VIEWPORT = { width: 1024, height: 700 };

/** A live screenshot and the wall-clock time it shows. */
export interface LiveCheckpoint {
  name: string;
  at: number;
  png: Buffer;
}

export interface RecordedPage {
  page: FidelityPage;
  sessionId: string;
  checkpoints: LiveCheckpoint[];
}

/**
 * The page must have been quiet this long before a screenshot: rrweb samples scrolls every
 * 150 ms and canvas frames 4 times a second, so the recording has caught up by then.
 */
const QUIET_BEFORE_MS = 600;
/** ...and stays quiet this long after, so a replay at `at` is not between two changes. */
const QUIET_AFTER_MS = 250;

/**
 * Records one fidelity page through the SDK into GoSight, taking a live screenshot at each
 * checkpoint, then flushes (resolves once the server acked everything) and leaves.
 */
export async function recordPage(browser: Browser, siteUrl: string, gosightUrl: string, projectKey: string, fixture: FidelityPage): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: FIDELITY_VIEWPORT });
  await context.addInitScript((config) => {
    (window as unknown as { __gosight: unknown }).__gosight = config;
  }, { endpoint: gosightUrl, projectKey, maskAllInputs: false, canvas: { fps: 4 }, flushIntervalMs: 1000 });
  const page = await context.newPage();
  await page.goto(`${siteUrl}/${fixture.path}`);
  const sessionId = await page.waitForFunction(() => (window as unknown as { GoSight: { getSessionId(): string | null } }).GoSight.getSessionId()).then((h) => h.jsonValue() as Promise<string>);
  const checkpoints: LiveCheckpoint[] = [];
  const corner = { x: FIDELITY_VIEWPORT.width - 2, y: FIDELITY_VIEWPORT.height - 2 };
  await fixture.run(page, async (name, options = {}) => {
    // No focus ring or caret (the replay has neither) and the pointer out of the way.
    if (!options.keepFocus) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    if (!options.keepPointer) await page.mouse.move(corner.x, corner.y);
    await page.waitForTimeout(QUIET_BEFORE_MS);
    const png = await page.screenshot();
    const at = await page.evaluate(() => Date.now());
    checkpoints.push({ name, at, png });
    await page.waitForTimeout(QUIET_AFTER_MS);
  });
  await page.evaluate(() => (window as unknown as { GoSight: { flush(): Promise<unknown> } }).GoSight.flush());
  await context.close();
  return { page: fixture, sessionId, checkpoints };
}

