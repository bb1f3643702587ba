import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { startServerProcess } from '../e2e/support/server-process.js';
import { buildSession, postSessions, recordTemplateChunk, waitForChunks, type SyntheticSession } from '../e2e/support/player-synthetic.js';
import { percentile, round, seededRandom } from './stats.js';

export interface PlayerBenchOptions {
  /** Session lengths in minutes (one chunk per minute). */
  lengthsMinutes: number[];
  /** Cold page loads per session for time to first frame. */
  firstFrameRuns: number;
  /** Random seek targets per session. */
  seeks: number;
  /** Length of the session played through for the heap measurement (must be one of the lengths). */
  heapMinutes: number;
  /** Give up playing through after this long (wall time). */
  playThroughLimitMs: number;
}

export interface PlayerSessionResult {
  minutes: number;
  chunks: number;
  /** ms from navigation start to the first replayed frame on screen, cold page. */
  firstFrameMs: { p50: number; max: number; samples: number[] };
  /** The player's share of it: from the player's creation (app booted, route rendered) to that frame. */
  playerFirstFrameMs: { p50: number; max: number };
  /** ms from seek() to the target frame on screen (two animation frames after rrweb applied it). */
  seekMs: { p50: number; p95: number; max: number; n: number };
  /** JS heap after the first frame, after a forced GC. */
  heapAfterFirstFrameMB: number;
}

export interface PlayerBenchResult {
  options: PlayerBenchOptions;
  template: { events: number; rawKB: number; activityMs: number };
  sessions: PlayerSessionResult[];
  heap: {
    minutes: number;
    /** Session time covered by the play-through (all of it unless the limit cut it short). */
    playedMinutes: number;
    wallSeconds: number;
    afterFirstFrameMB: number;
    afterPlayThroughMB: number;
    domNodesAfterFirstFrame: number;
    domNodesAfterPlayThrough: number;
    /** Most chunks held in memory at once during the play-through. */
    maxChunksInMemory: number;
    chunkFetches: number;
  };
  targets: { firstFrameMs: number; seekP95Ms: number; met: boolean };
}

const KEY = 'gs_player_bench';
const MINUTE_MS = 60_000;
const TARGET_FIRST_FRAME_MS = 300;
const TARGET_SEEK_P95_MS = 250;

type Hooked = Window & {
  __gosightPlayer: {
    ready: boolean;
    firstFrameAt: number | null;
    mountedAt: number;
    state: string;
    durationMs: number;
    loadedChunks: number;
    chunkFetches: number;
    seek(ms: number): Promise<void>;
    play(): void;
    setSpeed(speed: number): void;
    currentTime(): number;
  };
};

/** A gap between seeks, as between a person's clicks: the previous seek's preloads finish first. */
const SEEK_GAP_MS = 250;
/** Before each cold load, so the browser's teardown of the previous page is not measured with it. */
const SETTLE_MS = 500;

/** A fresh browser context (empty cache) on the player, once its first frame is up. */
async function openCold(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as Partial<Hooked>).__gosightPlayer?.ready === true, null, { timeout: 60_000 });
  return page;
}

/** The page has settled: the events (loaded after the first frame) are on the timeline. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="panel-status"]', { timeout: 60_000 });
}

/** Forces a GC, then reads the JS heap and DOM node count through the DevTools protocol. */
async function measureHeap(page: Page): Promise<{ heapMB: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  await cdp.detach();
  return { heapMB: round(usedSize / 1e6, 1), domNodes: metrics.find((metric) => metric.name === 'Nodes')?.value ?? 0 };
}

async function benchSession(browser: Browser, serverUrl: string, session: SyntheticSession, minutes: number, opts: PlayerBenchOptions, log: (s: string) => void): Promise<PlayerSessionResult> {
  const url = `${serverUrl}/sessions/${session.sessionId}`;
  const firstFrames: number[] = [];
  const playerShares: number[] = [];
  let heapAfterFirstFrameMB = 0;
  for (let run = 0; run < opts.firstFrameRuns; run++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const page = await openCold(browser, url);
    const timing = await page.evaluate(() => {
      const hooks = (window as unknown as Hooked).__gosightPlayer;
      return { firstFrameAt: hooks.firstFrameAt ?? Number.NaN, mountedAt: hooks.mountedAt };
    });
    firstFrames.push(Math.round(timing.firstFrameAt));
    playerShares.push(Math.round(timing.firstFrameAt - timing.mountedAt));
    await settled(page);
    if (run === 0) heapAfterFirstFrameMB = (await measureHeap(page)).heapMB;
    await page.context().close();
  }
  const page = await openCold(browser, url);
  await settled(page);
  const durationMs = await page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.durationMs);
  const next = seededRandom(minutes);
  const targets = Array.from({ length: opts.seeks }, () => Math.floor(next() * durationMs));
  const seeks: number[] = [];
  for (const target of targets) {
    seeks.push(
      await page.evaluate(async (ms) => {
        const started = performance.now();
        await (window as unknown as Hooked).__gosightPlayer.seek(ms);
        return performance.now() - started;
      }, target),
    );
    await page.waitForTimeout(SEEK_GAP_MS);
  }
  await page.context().close();
  log(`  ${minutes} min: first frame ${firstFrames.join(' / ')} ms (player's share ${playerShares.join(' / ')}), seek p95 ${round(percentile(seeks, 95))} ms`);
  return {
    minutes,
    chunks: minutes,
    firstFrameMs: { p50: percentile(firstFrames, 50), max: Math.max(...firstFrames), samples: firstFrames },
    playerFirstFrameMs: { p50: percentile(playerShares, 50), max: Math.max(...playerShares) },
    seekMs: { p50: round(percentile(seeks, 50)), p95: round(percentile(seeks, 95)), max: round(Math.max(...seeks)), n: seeks.length },
    heapAfterFirstFrameMB,
  };
}

/**
 * Plays the session from start to end at 8× with skip inactivity on (how people watch long
 * sessions), watching how many chunks are held, then measures the heap after a GC.
 */
async function benchPlayThrough(browser: Browser, serverUrl: string, session: SyntheticSession, minutes: number, opts: PlayerBenchOptions, log: (s: string) => void): Promise<PlayerBenchResult['heap']> {
  const page = await openCold(browser, `${serverUrl}/sessions/${session.sessionId}`);
  await settled(page);
  const before = await measureHeap(page);
  const durationMs = await page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.durationMs);
  await page.evaluate(() => {
    const hooks = (window as unknown as Hooked).__gosightPlayer;
    hooks.setSpeed(8);
    hooks.play();
  });
  const started = Date.now();
  let maxChunksInMemory = 0;
  let position = 0;
  for (;;) {
    await page.waitForTimeout(500);
    const probe = await page.evaluate(() => {
      const hooks = (window as unknown as Hooked).__gosightPlayer;
      return { state: hooks.state, at: hooks.currentTime(), chunks: hooks.loadedChunks };
    });
    maxChunksInMemory = Math.max(maxChunksInMemory, probe.chunks);
    position = probe.at;
    if (probe.state === 'ended' || probe.state === 'error' || Date.now() - started > opts.playThroughLimitMs) break;
    if (Math.floor((Date.now() - started) / 10_000) !== Math.floor((Date.now() - started - 500) / 10_000)) {
      log(`  playing through: ${round(position / MINUTE_MS, 1)} of ${minutes} min`);
    }
  }
  const wallSeconds = round((Date.now() - started) / 1000, 1);
  const ended = (await page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.state)) === 'ended';
  const after = await measureHeap(page);
  const chunkFetches = await page.evaluate(() => (window as unknown as Hooked).__gosightPlayer.chunkFetches);
  await page.context().close();
  return {
    minutes,
    playedMinutes: round((ended ? durationMs : position) / MINUTE_MS, 1),
    wallSeconds,
    afterFirstFrameMB: before.heapMB,
    afterPlayThroughMB: after.heapMB,
    domNodesAfterFirstFrame: before.domNodes,
    domNodesAfterPlayThrough: after.domNodes,
    maxChunksInMemory,
    chunkFetches,
  };
}

/**
 * The player on long sessions, served locally by a `gosight start` process: one chunk
 * recorded by the SDK on the demo app, copied into sessions of each length (one chunk a
 * minute), then time to first frame and seek time in Chromium for each, and the JS heap
 * after playing through one of them.
 */
export async function runPlayerBench(opts: PlayerBenchOptions, log: (s: string) => void): Promise<PlayerBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-player-bench-'));
  const server = await startServerProcess({ dataDir, projectKey: KEY });
  const browser = await launchBrowser();
  try {
    log('player bench: recording a chunk on the demo app');
    const template = await recordTemplateChunk(browser, server.url);
    const longest = Math.max(...opts.lengthsMinutes);
    const sessions = opts.lengthsMinutes.map((minutes, i) =>
      buildSession(template, { copies: minutes, startedAt: Date.now() - (i + 1) * (longest + 10) * MINUTE_MS }));
    log(`player bench: posting ${opts.lengthsMinutes.join(' / ')}-minute sessions (${sessions.reduce((n, s) => n + s.batches.length, 0)} batches)`);
    await postSessions(server.url, KEY, sessions, 3);
    for (const [i, session] of sessions.entries()) await waitForChunks(server.url, session, opts.lengthsMinutes[i], 300_000);

    const results: PlayerSessionResult[] = [];
    for (const [i, session] of sessions.entries()) results.push(await benchSession(browser, server.url, session, opts.lengthsMinutes[i], opts, log));
    const heapIndex = opts.lengthsMinutes.indexOf(opts.heapMinutes);
    if (heapIndex === -1) throw new Error(`heapMinutes ${opts.heapMinutes} is not one of the lengths`);
    log(`player bench: playing through ${opts.heapMinutes} minutes at 8x with skip inactivity`);
    const heap = await benchPlayThrough(browser, server.url, sessions[heapIndex], opts.heapMinutes, opts, log);
    // Judged on the median cold load: single loads swing with whatever else the machine runs.
    const met = results.every((r) => r.firstFrameMs.p50 <= TARGET_FIRST_FRAME_MS && r.seekMs.p95 <= TARGET_SEEK_P95_MS);
    return {
      options: opts,
      template: {
        events: template.length,
        rawKB: round(JSON.stringify(template).length / 1e3, 1),
        activityMs: template[template.length - 1].timestamp - template[0].timestamp,
      },
      sessions: results,
      heap,
      targets: { firstFrameMs: TARGET_FIRST_FRAME_MS, seekP95Ms: TARGET_SEEK_P95_MS, met },
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
