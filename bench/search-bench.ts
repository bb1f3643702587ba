import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageMapQuery, SessionSearch } from '@gosight/shared';
import { ClickHouseChunkStore, createClickHouseClient, type ListSessionsQuery } from '../packages/server/src/store/index.js';
import { generateSession, PROJECT } from './search-data.js';
import { percentile, round, seededRandom } from './stats.js';

const DAY = 86_400_000;
/** Days the generated sessions span. */
const DAYS = 30;

export interface SearchBenchOptions {
  sessions: number;
  /** Keep the generated store in this directory (reused when it holds a store already). */
  keepDir?: string;
  /** Runs of each query kind (each with other values where the kind has several). */
  runs: number;
}

export interface LatencyRow {
  kind: string;
  p50: number;
  p95: number;
  /** Median number of sessions matched. */
  matched: number;
}

export interface SearchBenchResult {
  sessions: number;
  indexRows: number;
  writeSeconds: number;
  search: LatencyRow[];
  maps: LatencyRow[];
  /** Every search kind's p95 under 500 ms. */
  targetMet: boolean;
}

type Query = SessionSearch & { hasErrors?: boolean; hasRageClicks?: boolean };

/** Query kinds, each with values that find some sessions (from the generator's catalogue). */
const KINDS: [string, Query[]][] = [
  ['list (no filter)', [{}]],
  ['clicked text', [{ click: { text: 'add to cart' } }, { click: { text: 'pay now' } }, { click: { text: 'compare all' } }, { click: { text: 'subscribe' } }]],
  ['clicked id', [{ click: { id: 'pay' } }, { click: { id: 'checkout-button' } }, { click: { id: 'hero-cta' } }]],
  ['clicked class', [{ click: { className: 'plan-cta' } }, { click: { className: 'quick-add' } }, { click: { className: 'remove-line' } }]],
  ['clicked aria-label', [{ click: { label: 'wishlist' } }, { click: { label: 'open cart' } }, { click: { label: 'colour: green' } }]],
  ['clicked CSS selector', [{ click: { selector: 'form#checkout button.btn-primary' } }, { click: { selector: 'section.plans > article.plan > a.plan-cta' } }, { click: { selector: 'header nav a' } }]],
  ['visited page', [{ visited: ['/pricing'] }, { visited: ['https://tilehouse.example/product/1*'] }, { visited: ['/checkout'] }]],
  ['visited A then B', [{ visited: ['/cart', '/checkout'] }, { visited: ['/pricing', '/checkout'] }, { visited: ['/journal/*', '/product/*'] }]],
  ['console error text', [{ error: 'gateway timeout' }, { error: 'ChunkLoadError' }, { error: 'reading \'price\'' }]],
  ['console warning text', [{ warning: 'deprecated' }, { warning: 'slow network' }]],
  ['request URL + 5xx', [{ request: { url: '/api/checkout', status: { min: 500, max: 599 } } }, { request: { url: '/api/cart', status: { min: 500, max: 599 } } }]],
  ['request method + status', [{ request: { method: 'POST', status: { min: 400, max: 499 } } }, { request: { method: 'GET', status: { min: 404, max: 404 } } }]],
  ['custom event', [{ event: { name: 'checkout_failed' } }, { event: { name: 'add_to_cart' } }]],
  ['custom event + property', [{ event: { name: 'checkout_failed', prop: { key: 'reason', value: 'card_declined' } } }, { event: { name: 'add_to_cart', prop: { key: 'sku', value: 'SKU-42' } } }]],
  ['user id', [{ userId: 'user-1234' }, { userId: 'user-39999' }]],
  ['user trait', [{ trait: { key: 'plan', value: 'enterprise' } }, { trait: { key: 'country', value: 'PT' } }]],
  ['browser / OS / device', [{ browser: 'firefox' }, { os: 'iOS' }, { device: 'tablet' }]],
  ['viewport width', [{ maxViewportWidth: 500 }, { minViewportWidth: 1500 }]],
  ['rage / dead clicks, errors', [{ hasRageClicks: true }, { hasDeadClicks: true }, { hasErrors: true }]],
  ['combination', [
    { click: { text: 'pay now' }, request: { url: '/api/checkout', status: { min: 500, max: 599 } }, device: 'desktop' },
    { visited: ['/cart', '/checkout'], error: 'gateway', trait: { key: 'plan', value: 'pro' } },
    { event: { name: 'checkout_failed' }, os: 'Android', hasRageClicks: true },
  ]],
];

/**
 * Search latency over `sessions` generated sessions indexed in chDB through the store's own
 * write path, and page map aggregation for a page about a tenth of them viewed. Each search
 * is what the API does for one request: the page of rows, the total, and the reasons.
 */
export async function runSearchBench(options: SearchBenchOptions, log: (s: string) => void): Promise<SearchBenchResult> {
  const reuse = options.keepDir !== undefined && existsSync(join(options.keepDir, 'clickhouse'));
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'gosight-search-bench-'));
  const client = createClickHouseClient({ url: undefined, dataDir: dir });
  const store = new ClickHouseChunkStore(client, 'gosight');
  try {
    await store.migrate();
    const random = seededRandom(2026);
    const now = Date.now();
    let indexRows = 0;
    const started = process.hrtime.bigint();
    const BATCH = 500;
    // Day by day, oldest first, as sessions arrive in service: inserts land in today's
    // partition; each earlier day is then merged into one part, as the index table's
    // min_age_to_force_merge_seconds does an hour after the day's last insert.
    const today = Math.floor(now / DAY) * DAY;
    for (let i = 0; i < (reuse ? 0 : options.sessions); i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, options.sessions - i) }, (_, j) => {
        const n = i + j;
        const day = today - (DAYS - 1 - Math.floor((n * DAYS) / options.sessions)) * DAY;
        const startedAt = Math.min(now - 60_000, day + Math.floor(((n * DAYS) % options.sessions) / options.sessions * DAY));
        const id = `${(n >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${(n * 2654435761 % 2 ** 48).toString(16).padStart(12, '0')}`;
        return generateSession(random, id, startedAt, 0.1);
      });
      indexRows += batch.reduce((s, g) => s + g.rows, 0);
      await store.writeChunks(batch.flatMap((g) => g.chunks));
      await store.writeSessions(batch.map((g) => g.record));
      if ((i / BATCH) % 20 === 0) log(`  indexed ${i + batch.length} / ${options.sessions} sessions (${indexRows} moments)`);
    }
    const partitions = await (await client.query({
      query: "SELECT DISTINCT partition FROM system.parts WHERE active AND database = 'gosight' AND table = 'replay_event_index'", format: 'JSONEachRow',
    })).json<{ partition: string }>();
    const todays = new Date(today).toISOString().slice(0, 10);
    for (const { partition } of partitions) {
      if (partition !== todays) await client.command({ query: `OPTIMIZE TABLE gosight.replay_event_index PARTITION '${partition}' FINAL` });
    }
    log(`  ${partitions.length - 1} earlier days merged; today's partition left as inserted`);
    const writeSeconds = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
    log(`  ${options.sessions} sessions, ${indexRows} index rows written in ${writeSeconds} s`);

    const time = async <T>(call: () => Promise<T>): Promise<[number, T]> => {
      const t0 = process.hrtime.bigint();
      const result = await call();
      return [Number(process.hrtime.bigint() - t0) / 1e6, result];
    };
    const search: LatencyRow[] = [];
    for (const [kind, queries] of KINDS) {
      const ms: number[] = [];
      const matched: number[] = [];
      // One untimed run per value first: what is measured is a warm server, as in use.
      for (const q of queries) await store.listSessions(PROJECT, { limit: 25, offset: 0, ...q } as ListSessionsQuery);
      for (let run = 0; run < options.runs; run++) {
        const q = queries[run % queries.length];
        const [elapsed, result] = await time(() => store.listSessions(PROJECT, { limit: 25, offset: 0, ...q } as ListSessionsQuery));
        ms.push(elapsed);
        matched.push(result.total);
      }
      search.push({ kind, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), matched: percentile(matched, 50) });
      log(`  ${kind}: p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms, ${percentile(matched, 50)} sessions`);
    }
    const maps: LatencyRow[] = [];
    const mapQueries: [string, PageMapQuery][] = [
      ['page map: /pricing (all devices)', { url: '/pricing' }],
      ['page map: /pricing, desktop', { url: '/pricing', device: 'desktop' }],
      ['page map: /pricing, 1440 px wide', { url: '/pricing', minViewportWidth: 1440, maxViewportWidth: 1440 }],
      ['page map: /product/* (all products)', { url: `https://tilehouse.example/product/*` }],
    ];
    for (const [kind, q] of mapQueries) {
      await store.pageMap(PROJECT, q);
      const ms: number[] = [];
      let sessions = 0;
      for (let run = 0; run < Math.max(5, Math.floor(options.runs / 2)); run++) {
        const [elapsed, map] = await time(() => store.pageMap(PROJECT, q));
        ms.push(elapsed);
        sessions = map.sessions;
      }
      maps.push({ kind, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), matched: sessions });
      log(`  ${kind}: p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms, ${sessions} sessions`);
    }
    return { sessions: options.sessions, indexRows, writeSeconds, search, maps, targetMet: search.every((r) => r.p95 < 500) };
  } finally {
    await store.close();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}
