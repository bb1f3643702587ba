import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { startServerProcess } from '../e2e/support/server-process.js';
import { SDK_BUNDLE, startFakeIngest, startFixtureServer, type FakeIngest } from '../e2e/support/sdk-servers.js';
import { recordOnlyRrweb } from '../packages/sdk/build/record-only-rrweb.mjs';
import { round } from './stats.js';

export interface SdkBenchOptions {
  /** Page loads per recorder (interleaved); the median is reported. */
  reps: number;
  /** Add-then-remove cycles per page load, and rows per cycle. */
  rounds: number;
  rows: number;
  /** How long the scripted visitor uses the demo app, for bytes per minute. */
  demoSeconds: number;
}

type Mode = 'none' | 'rrweb' | 'sdk';

export interface MainThreadSample {
  /** CDP Performance.getMetrics TaskDuration over the workload: all main-thread work. */
  taskMs: number;
  scriptMs: number;
}

export interface SdkBenchResult {
  options: SdkBenchOptions;
  bundleGzipBytes: number;
  mainThread: Record<Mode, { taskMsMedian: number; scriptMsMedian: number; samples: MainThreadSample[] }>;
  /** Recording cost above the page's own work, for bare rrweb and for the SDK. */
  rrwebAddedMs: number;
  sdkAddedMs: number;
  /** What the SDK adds on top of bare rrweb, as a share of bare rrweb's total main-thread time (target ≤ 5 %). */
  sdkOverRrwebPct: number;
  /** The same, as a share of the recording cost alone (rrweb's added time). */
  sdkOverRrwebRecordingPct: number;
  sdkBatches: number;
  sdkGzipKB: number;
  demo: { seconds: number; requests: number; batches: number; events: number; gzipBytesPerMin: number; rawBytesPerMin: number; eventsPerMin: number };
}

const KEY = 'gs_sdk_bench';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** rrweb's recorder alone, from the same rrweb source and the same trim as the SDK's bundle. */
async function bareRrwebBundle(): Promise<string> {
  const trim = recordOnlyRrweb();
  const result = await build({
    stdin: { contents: "import { record } from 'rrweb'; window.__bareRecord = record;", resolveDir: fileURLToPath(new URL('../packages/sdk/', import.meta.url)) },
    bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', target: 'es2019',
    define: { 'process.env.NODE_ENV': '"production"' }, plugins: [trim.plugin], logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The spec §3.3 recording options, on bare rrweb: same checkouts, sampling and masking, no plugins, events kept in memory. */
const BARE_START = `document.addEventListener('DOMContentLoaded', () => {
  window.__events = [];
  window.__bareRecord({
    emit: (e) => window.__events.push(e),
    checkoutEveryNms: 60000, checkoutEveryNth: 200, maskAllInputs: true,
    sampling: { mousemove: true, mouseInteraction: true, scroll: 150, media: 800, input: 'last' },
    inlineStylesheet: true, inlineImages: false, collectFonts: true,
  });
});`;

async function measure(browser: Browser, url: string, mode: Mode, scripts: { bare: string; sdk: string; ingestUrl: string }, opts: SdkBenchOptions): Promise<MainThreadSample> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    if (mode === 'rrweb') await context.addInitScript({ content: `${scripts.bare}\n${BARE_START}` });
    if (mode === 'sdk') {
      const config = JSON.stringify({ endpoint: scripts.ingestUrl, projectKey: KEY });
      await context.addInitScript({ content: `${scripts.sdk}\nGoSight.init(${config});` });
    }
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForTimeout(300);
    await runWorkload(page, 2, opts.rows); // warm-up: JIT and first snapshot out of the way
    await page.waitForTimeout(200);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = metrics(await cdp.send('Performance.getMetrics'));
    await runWorkload(page, opts.rounds, opts.rows);
    await page.waitForTimeout(600); // timers and flushes that the workload caused
    const after = metrics(await cdp.send('Performance.getMetrics'));
    return { taskMs: round((after.TaskDuration - before.TaskDuration) * 1000), scriptMs: round((after.ScriptDuration - before.ScriptDuration) * 1000) };
  } finally {
    await context.close();
  }
}

function metrics(result: { metrics: { name: string; value: number }[] }): Record<string, number> {
  return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
}

function runWorkload(page: Page, rounds: number, rows: number): Promise<void> {
  return page.evaluate(([r, n]) => (window as unknown as { workload(r: number, n: number): Promise<void> }).workload(r, n), [rounds, rows] as const);
}

/** A scripted visitor on the demo app (both pages), recorded by the SDK as the demo configures it. */
async function demoSession(browser: Browser, ingest: FakeIngest, seconds: number, log: (s: string) => void): Promise<SdkBenchResult['demo']> {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-sdk-bench-')), projectKey: KEY });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // The demo asks the server for its settings; point it at the counting ingest instead.
    await context.route('**/demo/config.js', (route) => route.fulfill({
      contentType: 'application/javascript',
      body: `window.GOSIGHT_DEMO = ${JSON.stringify({ endpoint: ingest.url, projectKey: KEY })};`,
    }));
    const page = await context.newPage();
    const start = Date.now();
    const end = start + seconds * 1000;
    await page.goto(`${server.url}/demo/`);
    let step = 0;
    while (Date.now() < end) {
      step++;
      await page.fill('#name', `Item ${step}`);
      await page.click('#add');
      await page.waitForTimeout(700);
      await page.mouse.move(200 + (step % 5) * 60, 300);
      await page.mouse.wheel(0, step % 2 ? 300 : -300);
      await page.waitForTimeout(700);
      if (step % 3 === 0) await page.click('#remove');
      if (step % 4 === 0) await page.click('#error');
      await page.waitForTimeout(700);
      if (step % 5 === 0) {
        await page.click('#to-page2');
        await page.waitForURL('**/page2.html');
        await page.fill('#city', `City ${step}`);
        await page.waitForTimeout(700);
        await page.click('#to-page1');
        await page.waitForURL('**/demo/');
      }
    }
    await page.close({ runBeforeUnload: true });
    const elapsedMin = (Date.now() - start) / 60_000;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const posts = ingest.requests;
    const gzipBytes = posts.reduce((n, r) => n + r.raw.length, 0);
    const rawBytes = posts.reduce((n, r) => n + Buffer.byteLength(r.text), 0);
    const events = posts.reduce((n, r) => n + (r.batch?.events.length ?? 0), 0);
    log(`  demo: ${posts.length} batches, ${events} events, ${gzipBytes} bytes sent in ${round(elapsedMin * 60)} s`);
    return {
      seconds: round(elapsedMin * 60),
      requests: ingest.all.length,
      batches: posts.length,
      events,
      gzipBytesPerMin: Math.round(gzipBytes / elapsedMin),
      rawBytesPerMin: Math.round(rawBytes / elapsedMin),
      eventsPerMin: Math.round(events / elapsedMin),
    };
  } finally {
    await context.close();
    await server.stop();
  }
}

/**
 * Main-thread cost of recording a mutation-heavy page (rows added and removed again and
 * again) in Chromium with no recorder, with bare rrweb `record` and with the GoSight SDK, in
 * one run with the three interleaved; plus the bytes per minute the SDK sends on the demo app.
 */
export async function runSdkBench(opts: SdkBenchOptions, log: (s: string) => void): Promise<SdkBenchResult> {
  const site = await startFixtureServer(); // also builds the SDK bundle if it is stale
  const ingest = await startFakeIngest();
  const browser = await launchBrowser();
  try {
    const scripts = { bare: await bareRrwebBundle(), sdk: readFileSync(SDK_BUNDLE, 'utf8'), ingestUrl: ingest.url };
    const samples: Record<Mode, MainThreadSample[]> = { none: [], rrweb: [], sdk: [] };
    const orders: Mode[][] = [['none', 'rrweb', 'sdk'], ['sdk', 'none', 'rrweb'], ['rrweb', 'sdk', 'none']];
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const mode of orders[rep % orders.length]) samples[mode].push(await measure(browser, `${site.url}/bench.html`, mode, scripts, opts));
      log(`  sdk bench rep ${rep + 1}/${opts.reps}: ${(['none', 'rrweb', 'sdk'] as Mode[]).map((m) => `${m} ${samples[m][rep].taskMs} ms`).join(', ')}`);
    }
    const sdkBatches = ingest.requests.length;
    const sdkGzipKB = round(ingest.requests.reduce((n, r) => n + r.raw.length, 0) / 1024);
    const summary = (mode: Mode) => ({
      taskMsMedian: round(median(samples[mode].map((s) => s.taskMs))),
      scriptMsMedian: round(median(samples[mode].map((s) => s.scriptMs))),
      samples: samples[mode],
    });
    const mainThread = { none: summary('none'), rrweb: summary('rrweb'), sdk: summary('sdk') };
    const rrwebAddedMs = round(mainThread.rrweb.taskMsMedian - mainThread.none.taskMsMedian);
    const sdkAddedMs = round(mainThread.sdk.taskMsMedian - mainThread.none.taskMsMedian);
    const demoIngest = await startFakeIngest();
    let demo: SdkBenchResult['demo'];
    try {
      demo = await demoSession(browser, demoIngest, opts.demoSeconds, log);
    } finally {
      await demoIngest.close();
    }
    return {
      options: opts,
      bundleGzipBytes: gzipSync(readFileSync(SDK_BUNDLE), { level: 9 }).length,
      mainThread,
      rrwebAddedMs,
      sdkAddedMs,
      sdkOverRrwebPct: round(((mainThread.sdk.taskMsMedian - mainThread.rrweb.taskMsMedian) / mainThread.rrweb.taskMsMedian) * 100),
      sdkOverRrwebRecordingPct: round(((sdkAddedMs - rrwebAddedMs) / rrwebAddedMs) * 100),
      sdkBatches,
      sdkGzipKB,
      demo,
    };
  } finally {
    await browser.close();
    await ingest.close();
    await site.close();
  }
}
