import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import type { ReplayBatch } from '@gosight/shared';
import { launchBrowser } from '../../e2e/support/browser.js';
import { ensureSdkBundle, startFakeIngest } from '../../e2e/support/sdk-servers.js';
import { sdkContext, sessionIdOf } from '../../e2e/support/sdk-page.js';
import { APP_PAGES } from './app-pages.js';

/** A recording: the batches one visitor's SDK sent, as sent (≤ 50 events, cut at full snapshots). */
export interface Recording {
  app: string;
  batches: ReplayBatch[];
}

/** Bumped when the pages or the visitors change, so cached recordings are made again. */
const RECORDINGS_VERSION = 1;

/** What a visitor does on each app, for about `seconds`. */
const VISITORS: Record<string, (page: Page, seconds: number) => Promise<void>> = {
  async dashboard(page, seconds) {
    const end = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < end; i++) {
      await page.mouse.move(260 + (i * 37) % 700, 120 + (i * 53) % 600, { steps: 8 });
      if (i % 5 === 0) await page.mouse.wheel(0, i % 10 === 0 ? 600 : -300);
      if (i % 11 === 0) await page.click(`aside li:nth-child(${(i % 60) + 1}) a`);
      await page.waitForTimeout(150);
    }
  },
  async docs(page, seconds) {
    const end = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < end; i++) {
      await page.mouse.move(200 + (i * 41) % 500, 100 + (i * 29) % 500, { steps: 5 });
      await page.mouse.wheel(0, 400);
      if (i % 9 === 0) await page.click(`#toc li:nth-child(${(i * 7) % 120 + 1}) a`);
      await page.waitForTimeout(200);
    }
  },
  async editor(page, seconds) {
    const end = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < end; i++) {
      await page.click(i % 3 === 2 ? '#editor' : `input[name="f${i % 40}"]`);
      await page.keyboard.type(i % 3 === 2 ? 'The customer asked about the billing address and a refund. ' : `order ${i} shipping`, { delay: 25 });
      await page.mouse.move(100 + (i * 61) % 800, 100 + (i * 17) % 500, { steps: 6 });
    }
  },
};

/**
 * Real recordings of the app pages: Chromium runs each page with the SDK (canvas recording
 * on) and a scripted visitor, and the batches it sends are kept. Cached under `cacheFile`
 * (made again when RECORDINGS_VERSION changes), since recording takes a while.
 */
export async function appRecordings(cacheFile: string, opts: { takes: number; seconds: number }, log: (s: string) => void): Promise<Recording[]> {
  const key = `${RECORDINGS_VERSION}/${opts.takes}/${opts.seconds}`;
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; recordings: Recording[] };
    if (cached.key === key) return cached.recordings;
  }
  const bundle = ensureSdkBundle();
  const site = createServer((req, res) => {
    const name = (req.url ?? '/').replace(/^\/+/, '').replace(/\.html$/, '');
    if (req.url === '/sdk/gosight.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
    const make = APP_PAGES[name];
    if (!make) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(make());
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  const ingest = await startFakeIngest();
  const browser = await launchBrowser();
  const recordings: Recording[] = [];
  try {
    for (let take = 0; take < opts.takes; take++) {
      for (const app of Object.keys(APP_PAGES)) {
        const context = await sdkContext(browser, { endpoint: ingest.url, projectKey: 'gs_recording', canvas: { fps: 2 } });
        const page = await context.newPage();
        await page.goto(`${siteUrl}/${app}.html`);
        const sessionId = await sessionIdOf(page);
        await VISITORS[app](page, opts.seconds);
        await page.evaluate(() => (window as unknown as { GoSight: { flush(): Promise<unknown> } }).GoSight.flush());
        await context.close();
        const batches = [...ingest.accepted().values()].filter((b) => b.sessionId === sessionId).sort((a, b) => a.seq - b.seq);
        const bytes = batches.reduce((n, b) => n + JSON.stringify(b).length, 0);
        log(`  recorded ${app} (take ${take + 1}): ${batches.length} batches, ${batches.reduce((n, b) => n + b.events.length, 0)} events, ${(bytes / 1e6).toFixed(2)} MB`);
        recordings.push({ app, batches });
      }
    }
  } finally {
    await browser.close();
    await ingest.close();
    site.close();
  }
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ key, recordings }));
  return recordings;
}
