import { mkdtempSync, readFileSync } from 'node:fs';
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

/** No recorder; bare rrweb (events dropped); bare rrweb that JSON-encodes each event (the least any sender does); the SDK. */
type Mode = 'none' | 'rrweb' | 'rrweb+json' | 'sdk';
const MODES: Mode[] = ['none', 'rrweb', 'rrweb+json', 'sdk'];

export interface MainThreadSample {
  /** CPU time of the renderer's main thread over the workload (top-level tasks' thread time, from a trace). */
  cpuMs: number;
  /** Wall time of the same tasks: also counts time the thread waited for a core. */
  taskMs: number;
  /** CPU time of the SDK's sender worker (off the main thread). */
  workerCpuMs: number;
}

export interface SdkBenchResult {
  options: SdkBenchOptions;
  bundleGzipBytes: number;
  mainThread: Record<Mode, { cpuMsMedian: number; taskMsMedian: number; workerCpuMsMedian: number; samples: MainThreadSample[] }>;
  /** Main-thread CPU of recording above the page's own work (medians), for bare rrweb and for the SDK. */
  rrwebAddedCpuMs: number;
  sdkAddedCpuMs: number;
  /** What the SDK adds on top of bare rrweb, as a share of bare rrweb's main-thread CPU time (target ≤ 5 %). */
  sdkOverRrwebPct: number;
  /** The same on task wall time, which on a small machine also counts waiting for a core. */
  sdkOverRrwebWallPct: number;
  /** What the SDK adds on top of rrweb plus JSON.stringify of each event (the serialization any sender needs). */
  sdkOverRrwebJsonPct: number;
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

/**
 * The spec §3.3 recording options on bare rrweb: same checkouts, sampling and masking, no
 * plugins. Events are counted and dropped: the strictest baseline (keeping them in an array
 * would make rrweb pay for a growing heap that the SDK does not keep).
 */
const bareStart = (encode: boolean) => `document.addEventListener('DOMContentLoaded', () => {
  window.__events = 0;
  window.__bareRecord({
    emit: (e) => { window.__events += ${encode ? 'JSON.stringify(e).length' : '1'}; },
    checkoutEveryNms: 60000, checkoutEveryNth: 200, maskAllInputs: true,
    sampling: { mousemove: true, mouseInteraction: true, scroll: 150, media: 800, input: 'last' },
    inlineStylesheet: true, inlineImages: false, collectFonts: true,
  });
});`;

async function measure(browser: Browser, url: string, mode: Mode, scripts: { bare: string; sdk: string; ingestUrl: string }, opts: SdkBenchOptions): Promise<MainThreadSample> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    // Init scripts run in every frame, rrweb's own helper iframe included: only the top page records.
    const topOnly = (code: string) => `if (window === window.top) {\n${code}\n}`;
    if (mode === 'rrweb' || mode === 'rrweb+json') await context.addInitScript({ content: topOnly(`${scripts.bare}\n${bareStart(mode === 'rrweb+json')}`) });
    if (mode === 'sdk') {
      const config = JSON.stringify({ endpoint: scripts.ingestUrl, projectKey: KEY });
      await context.addInitScript({ content: topOnly(`${scripts.sdk}\nGoSight.init(${config});`) });
    }
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForTimeout(300);
    await runWorkload(page, 2, opts.rows); // warm-up: JIT and first snapshot out of the way
    await page.waitForTimeout(200);
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await runWorkload(page, opts.rounds, opts.rows);
    await page.waitForTimeout(600); // timers and flushes that the workload caused
    return threadTimes(JSON.parse((await browser.stopTracing()).toString('utf8')));
  } finally {
    await context.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Sums the top-level tasks (ThreadControllerImpl::RunTask) of the busiest renderer main
 * thread: `tdur` is thread (CPU) time, `dur` wall time; and the CPU time of the SDK's worker
 * in the same process.
 */
function threadTimes(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): MainThreadSample {
  const events = Array.isArray(trace) ? trace : trace.traceEvents ?? [];
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const perThread = new Map<string, { cpu: number; wall: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const key = `${e.pid}:${e.tid}`;
    const sum = perThread.get(key) ?? { cpu: 0, wall: 0 };
    sum.cpu += (e.tdur ?? 0) / 1000;
    sum.wall += (e.dur ?? 0) / 1000;
    perThread.set(key, sum);
  }
  const threads = [...perThread.entries()].map(([key, sum]) => ({ key, pid: key.split(':')[0], name: threadName.get(key) ?? '', ...sum }));
  const main = threads.filter((t) => t.name === 'CrRendererMain').sort((a, b) => b.cpu - a.cpu)[0];
  const worker = threads.filter((t) => t.pid === main?.pid && t.name.startsWith('DedicatedWorker')).reduce((n, t) => n + t.cpu, 0);
  return { cpuMs: round(main?.cpu ?? 0), taskMs: round(main?.wall ?? 0), workerCpuMs: round(worker) };
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
    // The demo's CSP lets it send to its own server only; the counting ingest is elsewhere.
    await context.route(/\/demo\/(page2\.html)?$/, async (route) => {
      const response = await route.fetch();
      const { 'content-security-policy': _csp, ...headers } = response.headers();
      await route.fulfill({ response, headers });
    });
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
 * Main-thread cost of recording a mutation-heavy page (1000 rows added and removed, again and
 * again) in Chromium: no recorder, bare rrweb `record`, bare rrweb that JSON-encodes each
 * event, and the GoSight SDK sending to a local ingest, interleaved in one run; plus the bytes
 * per minute the SDK sends on the demo app.
 *
 * Main-thread time is the renderer main thread's CPU time over the workload, from a Chromium
 * trace (the thread time of its top-level tasks). Wall time of the same tasks is reported
 * too, but on a small or busy machine it also counts the time the thread waited for a core,
 * which penalises work moved to other threads (the SDK's gzip worker, the network service).
 */
export async function runSdkBench(opts: SdkBenchOptions, log: (s: string) => void): Promise<SdkBenchResult> {
  const site = await startFixtureServer(); // also builds the SDK bundle if it is stale
  const ingest = await startFakeIngest({ countOnly: true });
  const browser = await launchBrowser();
  try {
    const scripts = { bare: await bareRrwebBundle(), sdk: readFileSync(SDK_BUNDLE, 'utf8'), ingestUrl: ingest.url };
    const samples: Record<Mode, MainThreadSample[]> = { none: [], rrweb: [], 'rrweb+json': [], sdk: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      // A different order each time, so drift on a busy machine does not favour one recorder.
      const order = MODES.map((_, i) => MODES[(i + rep) % MODES.length]);
      for (const mode of order) samples[mode].push(await measure(browser, `${site.url}/bench.html`, mode, scripts, opts));
      log(`  sdk bench rep ${rep + 1}/${opts.reps}, main-thread CPU: ${MODES.map((m) => `${m} ${samples[m][rep].cpuMs} ms`).join(', ')}`);
    }
    const sdkBatches = ingest.requests.length;
    const sdkGzipKB = round(ingest.requests.reduce((n, r) => n + r.raw.length, 0) / 1024);
    const summary = (mode: Mode) => ({
      cpuMsMedian: round(median(samples[mode].map((s) => s.cpuMs))),
      taskMsMedian: round(median(samples[mode].map((s) => s.taskMs))),
      workerCpuMsMedian: round(median(samples[mode].map((s) => s.workerCpuMs))),
      samples: samples[mode],
    });
    const mainThread = { none: summary('none'), rrweb: summary('rrweb'), 'rrweb+json': summary('rrweb+json'), sdk: summary('sdk') };
    const pct = (a: number, b: number) => round(((a - b) / b) * 100);
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
      rrwebAddedCpuMs: round(mainThread.rrweb.cpuMsMedian - mainThread.none.cpuMsMedian),
      sdkAddedCpuMs: round(mainThread.sdk.cpuMsMedian - mainThread.none.cpuMsMedian),
      sdkOverRrwebPct: pct(mainThread.sdk.cpuMsMedian, mainThread.rrweb.cpuMsMedian),
      sdkOverRrwebWallPct: pct(mainThread.sdk.taskMsMedian, mainThread.rrweb.taskMsMedian),
      sdkOverRrwebJsonPct: pct(mainThread.sdk.cpuMsMedian, mainThread['rrweb+json'].cpuMsMedian),
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
