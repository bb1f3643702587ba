import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { eventsPath, type SessionEventsResponse } from '@gosight/shared';
import { fetchManifest, waitFor, waitForStored } from './api-client.js';

/** A session recorded by the SDK on the demo app, with the moments the script marked. */
export interface Recording {
  sessionId: string;
  /** Epoch ms (the page's clock, which the recording uses) taken just before each marked action. */
  marks: Record<string, number>;
}

export type Mark = (name: string) => Promise<void>;

/**
 * Opens the demo app (at `path`) in a fresh context, runs `act` on it and leaves the page (pagehide sends
 * the last batch). Returns once the whole session is stored and its derived events are served.
 */
export async function recordDemoSession(
  browser: Browser,
  serverUrl: string,
  act: (page: Page, mark: Mark) => Promise<void>,
  contextOptions: BrowserContextOptions = { viewport: { width: 1024, height: 700 } },
  path = '/demo/',
): Promise<Recording> {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(`${serverUrl}${path}`);
  const sessionId = await waitFor('the SDK to start a session', async () =>
    (await page.evaluate(() => (window as unknown as { GoSight?: { getSessionId(): string | null } }).GoSight?.getSessionId() ?? null)) ?? undefined, 10_000);
  const marks: Record<string, number> = {};
  await act(page, async (name) => {
    marks[name] = await page.evaluate(() => Date.now());
  });
  const last = await page.evaluate(() => Date.now());
  // What the script did is sent and acknowledged before the page goes, then stored (below):
  // only what leaving the page records is still on its way after this.
  await page.evaluate(() => (window as unknown as { GoSight: { flush(): Promise<void> } }).GoSight.flush());
  await page.close({ runBeforeUnload: true });
  await context.close();
  await waitForStored(serverUrl);
  // The last batch (sent as the page hides) ends within a second of `last`: how far is not known.
  await waitFor('the session to be stored to its end', async () => {
    const manifest = await fetchManifest(serverUrl, sessionId);
    return manifest && manifest.endedAt >= last - 1_000 ? true : undefined;
  }, 30_000, 200);
  await waitForEvents(serverUrl, sessionId, (events) => events.endedAt >= last - 1_000);
  return { sessionId, marks };
}

/** Polls the events API until `ready` holds. */
export async function waitForEvents(
  serverUrl: string,
  sessionId: string,
  ready: (events: SessionEventsResponse) => boolean,
  timeoutMs = 30_000,
): Promise<SessionEventsResponse> {
  return waitFor('the session events', async () => {
    const res = await fetch(`${serverUrl}${eventsPath(sessionId)}`);
    if (!res.ok) return undefined;
    const events = (await res.json()) as SessionEventsResponse;
    return ready(events) ? events : undefined;
  }, timeoutMs, 200);
}

/** The player's test hooks as seen from the page (see installTestHooks.ts). */
/** What the player exposes on window.__gosightPlayer (packages/dashboard/src/player/installTestHooks.ts). */
export interface PlayerHooks {
  ready: boolean;
  state: string;
  startedAt: number;
  durationMs: number;
  speed: number;
  loadedChunks: number;
  cachedChunks: number[];
  chunkFetches: number;
  skipInactive: boolean;
  skipping: boolean;
  firstFrameAt: number | null;
  seek(ms: number): Promise<void>;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
  currentTime(): number;
  iframe(): HTMLIFrameElement | null;
}

export type Hooked = Window & { __gosightPlayer: PlayerHooks };

/** Opens the player on a session (with an optional `?t=`) and waits for its first frame. */
export async function openPlayer(browser: Browser, serverUrl: string, sessionId: string, options: { query?: string; contextOptions?: BrowserContextOptions } = {}): Promise<Page> {
  const context = await browser.newContext(options.contextOptions ?? { viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${serverUrl}/sessions/${sessionId}${options.query ?? ''}`);
  await page.waitForFunction(() => (window as unknown as Partial<Hooked>).__gosightPlayer?.ready === true, null, { timeout: 30_000 });
  // The derived events (markers, panels, inactivity) load after the first frame.
  await page.locator('.page-player[data-events="loaded"]').waitFor({ timeout: 30_000 });
  return page;
}

/** Reads and drives the player through its hooks. */
export const player = {
  currentTime: (page: Page) => page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.currentTime()),
  state: (page: Page) => page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.state),
  startedAt: (page: Page) => page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.startedAt),
  seek: (page: Page, offsetMs: number) => page.evaluate((ms) => (window as unknown as Hooked).__gosightPlayer.seek(ms), offsetMs),
  play: (page: Page) => page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.play()),
  pause: (page: Page) => page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.pause()),
  setSpeed: (page: Page, speed: number) => page.evaluate((value) => (window as unknown as Hooked).__gosightPlayer.setSpeed(value), speed),
  hooks: (page: Page) =>
    page.evaluate(() => {
      const hooks = (window as unknown as Hooked).__gosightPlayer;
      return {
        state: hooks.state,
        speed: hooks.speed,
        durationMs: hooks.durationMs,
        loadedChunks: hooks.loadedChunks,
        cachedChunks: [...hooks.cachedChunks],
        chunkFetches: hooks.chunkFetches,
        skipInactive: hooks.skipInactive,
        skipping: hooks.skipping,
        firstFrameAt: hooks.firstFrameAt,
      };
    }),
  /** Resolves once playback is at or past `offsetMs` (or rejects after `timeoutMs`). */
  waitUntilPast: (page: Page, offsetMs: number, timeoutMs = 15_000) =>
    page.waitForFunction((ms) => (window as unknown as Hooked).__gosightPlayer.currentTime() >= ms, offsetMs, { timeout: timeoutMs, polling: 50 }),
};
