import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FakeIngest } from './sdk-servers.js';

/** A fresh context (its own sessionStorage: a new tab) whose pages call GoSight.init(config). */
export async function sdkContext(browser: Browser, config: Record<string, unknown>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript((cfg) => {
    (window as unknown as { __gosight: unknown }).__gosight = cfg;
  }, config);
  return context;
}

/** The SDK's session id once it is recording. */
export async function sessionIdOf(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as { GoSight?: { getSessionId(): string | null } }).GoSight?.getSessionId(), null, { timeout: 10_000 });
  return page.evaluate(() => (window as unknown as { GoSight: { getSessionId(): string } }).GoSight.getSessionId());
}

/** Polls until `probe` holds, or fails after `timeoutMs` with `what`. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Names of the `mark` custom events the ingest accepted for a session, each with how many distinct seqs carried it. */
export function acceptedMarks(ingest: FakeIngest, sessionId: string): Map<string, number> {
  const marks = new Map<string, number>();
  for (const [key, batch] of ingest.accepted()) {
    if (!key.startsWith(`${sessionId}/`)) continue;
    for (const event of batch.events) {
      const data = event.data as { tag?: unknown; payload?: { name?: unknown } } | null;
      if (event.type === 5 && data?.tag === 'mark' && typeof data.payload?.name === 'string') {
        marks.set(data.payload.name, (marks.get(data.payload.name) ?? 0) + 1);
      }
    }
  }
  return marks;
}
