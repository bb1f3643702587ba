import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReplayBatch } from '@gosight/shared';
import { startServerProcess } from '../e2e/support/server-process.js';
import { fetchManifest, listSessions, waitFor } from '../e2e/support/api-client.js';
import { syntheticSession } from '../e2e/support/synthetic-session.js';
import { percentile, round } from './stats.js';
import { ownCpuSeconds, processCpuSeconds, processRssMB } from './process-usage.js';
import type { Recording } from './recordings/record-apps.js';

export interface SyntheticLoadOptions {
  clients: number;
  sessionsPerClient: number;
  batchesPerSession: number;
  eventsPerBatch: number;
}

/** What the clients post: for each client, its sessions, each a list of batches in order. */
export interface BenchLoad {
  name: string;
  clients: ReplayBatch[][][];
}

export interface IngestBenchResult {
  load: string;
  clients: number;
  sessions: number;
  batches: number;
  events: number;
  rawMB: number;
  gzipMB: number;
  ackSeconds: number;
  storedSeconds: number;
  ackedEventsPerSec: number;
  ackedRawMBPerSec: number;
  storedEventsPerSec: number;
  storedRawMBPerSec: number;
  ackLatencyMs: { p50: number; p99: number; max: number };
  ackToPlayableMs: { p50: number; max: number; samples: number[] };
  bare: { eventsPerSec: number; rawMBPerSec: number; seconds: number; cpuSeconds: number };
  /** Acked pipeline throughput over bare JSON.parse + gzip of the same bytes. */
  ratio: number;
  /** CPU seconds of the server processes from the first post until all was stored. */
  serverCpuSeconds: number;
  /** Server CPU over the bare CPU of the same bytes (target ≤ 1.3). */
  cpuRatio: number;
  /** Stored and acked throughput over the bare throughput (targets ≥ 0.6 and ≥ 0.8). */
  storedOverBare: number;
  ackedOverBare: number;
  /** Ack latency p99 over p50 (target ≤ 4). */
  ackP99OverP50: number;
  /** Resident memory of the server processes: idle before the load, and 10 s after it was stored (target within 20 %). */
  rssIdleMB: number;
  rssAfterMB: number;
  /** Resident memory once the load's sessions have left the processor (after its session idle time), when measured. */
  rssAfterEvictionMB?: number;
}

/** How long after the load is stored the server's memory is read again. */
const RSS_SETTLE_MS = 10_000;

/** Sessions shaped like the SDK's, from synthetic events (cheap to make; flattering, see recordedLoad). */
export function syntheticLoad(opts: SyntheticLoadOptions): BenchLoad {
  // Sessions one after another in the last hours (the ingest refuses times outside its window).
  const sessionMs = opts.batchesPerSession * opts.eventsPerBatch * 2 + 10_000;
  const start = Date.now() - opts.clients * opts.sessionsPerClient * sessionMs - 3_600_000;
  return {
    name: 'synthetic events',
    clients: Array.from({ length: opts.clients }, (_, c) =>
      Array.from({ length: opts.sessionsPerClient }, (_, s) =>
        syntheticSession({ batches: opts.batchesPerSession, eventsPerBatch: opts.eventsPerBatch, checkoutEvery: 200, start: start + (c * opts.sessionsPerClient + s) * sessionMs }).batches)),
  };
}

/**
 * `sessions` sessions made from real recordings of the app pages (each a recording under a
 * new session id, its times moved into the last hours), dealt round-robin to `clients`.
 * The batches are the SDK's own: the sizes, full snapshots and mutations of real apps.
 */
export function recordedLoad(recordings: readonly Recording[], opts: { clients: number; sessions: number }): BenchLoad {
  const clients: ReplayBatch[][][] = Array.from({ length: opts.clients }, () => []);
  const now = Date.now();
  for (let i = 0; i < opts.sessions; i++) {
    const { batches } = recordings[i % recordings.length];
    const first = batches[0].events[0].timestamp;
    const shift = now - 3 * 3_600_000 + i * 60_000 - first;
    const sessionId = randomUUID();
    clients[i % opts.clients].push(batches.map((b) => ({ sessionId, seq: b.seq, events: b.events.map((e) => ({ ...e, timestamp: e.timestamp + shift })) })));
  }
  return { name: `recordings of ${new Set(recordings.map((r) => r.app)).size} apps`, clients };
}

export const BENCH_KEY = 'gs_bench';
const KEY = BENCH_KEY;

/** Where the bench posts and reads: one process, or several behind Kafka. */
export interface BenchTopology {
  name: string;
  ingestUrl: string;
  apiUrl: string;
  /** The GoSight processes, for CPU and memory. */
  pids: number[];
  /** Where the processors report their backlog (`/api/health`); the API's when unset. */
  healthUrls?: string[];
  stop(): Promise<void>;
}

/** Whether every processor has committed the queue and holds nothing unwritten (from `/api/health`). */
async function drained(healthUrls: readonly string[]): Promise<boolean> {
  for (const url of healthUrls) {
    const h = (await (await fetch(`${url}/api/health`)).json()) as { queue?: { depth: number }; processor?: { unflushedSessions: number } };
    if ((h.queue?.depth ?? 0) > 0 || (h.processor?.unflushedSessions ?? 0) > 0) return false;
  }
  return true;
}

/** The embedded default: one `gosight start` process. */
export async function embeddedTopology(): Promise<BenchTopology> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-bench-'));
  const server = await startServerProcess({ dataDir, projectKey: KEY });
  return {
    name: 'embedded (gosight start)',
    ingestUrl: server.url,
    apiUrl: server.url,
    pids: [server.child.pid!],
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ingest throughput end to end on the embedded default: a `gosight start` process, several
 * concurrent clients posting realistic gzipped batches in order per session, then the time
 * until all of it is stored; plus ack-to-playable latency and, for scale, the bare cost of
 * JSON.parse + gzip over the same bytes in this process.
 */
export async function runIngestBench(load: BenchLoad, opts: { playableProbes: number; evictionWaitMs?: number }, log: (s: string) => void,
  startTopology: () => Promise<BenchTopology> = embeddedTopology): Promise<IngestBenchResult & { topology: string }> {
  const bodies = new Map<ReplayBatch, { raw: Buffer; gz: Buffer }>();
  for (const sessions of load.clients) for (const s of sessions) for (const b of s) {
    const raw = Buffer.from(JSON.stringify(b));
    bodies.set(b, { raw, gz: gzipSync(raw) });
  }
  const all = [...bodies.values()];
  const events = load.clients.flat(2).reduce((n, b) => n + b.events.length, 0);
  const rawBytes = all.reduce((n, b) => n + b.raw.length, 0);
  const gzBytes = all.reduce((n, b) => n + b.gz.length, 0);
  const sessionCount = load.clients.flat().length;
  log(`ingest bench (${load.name}): ${load.clients.length} clients, ${sessionCount} sessions, ${bodies.size} batches, ${events} events, ${round(rawBytes / 1e6)} MB raw / ${round(gzBytes / 1e6)} MB gzipped`);

  const topology = await startTopology();
  try {
    const cpuOf = () => topology.pids.reduce((n, pid) => n + processCpuSeconds(pid), 0);
    const rssOf = () => topology.pids.reduce((n, pid) => n + processRssMB(pid), 0);
    const rssIdleMB = rssOf();
    const cpu0 = cpuOf();
    const latencies: number[] = [];
    const t0 = performance.now();
    let done = 0;
    const progress = setInterval(() => log(`  posted ${done}/${bodies.size} batches`), 2000);
    await Promise.all(load.clients.map(async (sessions) => {
      for (const s of sessions) for (const b of s) {
        const t = performance.now();
        const res = await fetch(`${topology.ingestUrl}/v1/replay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY },
          body: new Uint8Array(bodies.get(b)!.gz),
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`ingest answered ${res.status}`);
        latencies.push(performance.now() - t);
        done++;
      }
    }));
    clearInterval(progress);
    const ackSeconds = (performance.now() - t0) / 1000;
    log(`  all acked in ${round(ackSeconds, 2)} s; waiting until stored...`);
    // Watching must not cost the server much: its health report (in memory) says when the
    // queue is committed and nothing is held unwritten; the session list (a store query,
    // tens of ms of server CPU each) then confirms every event is stored.
    await waitFor('all events stored', async () => {
      if (!(await drained(topology.healthUrls ?? [topology.apiUrl]))) return undefined;
      const list = await listSessions(topology.apiUrl);
      const stored = list.sessions.reduce((n, s) => n + s.eventCount, 0);
      return list.total === sessionCount && stored === events ? true : undefined;
    }, 600_000, 50);
    const storedSeconds = (performance.now() - t0) / 1000;
    const serverCpuSeconds = cpuOf() - cpu0;

    const playable: number[] = [];
    for (let i = 0; i < opts.playableProbes; i++) {
      const probe = syntheticSession({ batches: 1, eventsPerBatch: 50, checkoutEvery: 200 });
      const body = gzipSync(JSON.stringify(probe.batches[0]));
      const res = await fetch(`${topology.ingestUrl}/v1/replay`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY }, body: new Uint8Array(body),
      });
      await res.arrayBuffer();
      const acked = performance.now();
      await waitFor('probe playable', async () => ((await fetchManifest(topology.apiUrl, probe.sessionId))?.chunks[0]?.eventCount === 50 ? true : undefined), 30_000, 20);
      playable.push(performance.now() - acked);
    }

    await new Promise((r) => setTimeout(r, RSS_SETTLE_MS));
    const rssAfterMB = rssOf();
    let rssAfterEvictionMB: number | undefined;
    if (opts.evictionWaitMs) {
      // Live sessions keep their open chunk's events in memory until --session-idle-ms; then they go.
      log(`  waiting ${opts.evictionWaitMs / 1000} s for the sessions to leave the processor's memory...`);
      await new Promise((r) => setTimeout(r, opts.evictionWaitMs));
      rssAfterEvictionMB = Math.round(rssOf());
    }
    const bare = bareCost(all, events);
    const ackedEventsPerSec = events / ackSeconds;
    const ackP50 = percentile(latencies, 50);
    const ackP99 = percentile(latencies, 99);
    return {
      topology: topology.name,
      load: load.name,
      clients: load.clients.length,
      sessions: sessionCount,
      batches: bodies.size,
      events,
      rawMB: round(rawBytes / 1e6, 2),
      gzipMB: round(gzBytes / 1e6, 2),
      ackSeconds: round(ackSeconds, 2),
      storedSeconds: round(storedSeconds, 2),
      ackedEventsPerSec: Math.round(ackedEventsPerSec),
      ackedRawMBPerSec: round(rawBytes / 1e6 / ackSeconds, 2),
      storedEventsPerSec: Math.round(events / storedSeconds),
      storedRawMBPerSec: round(rawBytes / 1e6 / storedSeconds, 2),
      ackLatencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) },
      ackToPlayableMs: { p50: Math.round(percentile(playable, 50)), max: Math.round(Math.max(...playable)), samples: playable.map(Math.round) },
      bare,
      ratio: round(ackedEventsPerSec / bare.eventsPerSec, 3),
      serverCpuSeconds: round(serverCpuSeconds, 2),
      cpuRatio: round(serverCpuSeconds / bare.cpuSeconds, 2),
      storedOverBare: round(rawBytes / 1e6 / storedSeconds / bare.rawMBPerSec, 2),
      ackedOverBare: round(rawBytes / 1e6 / ackSeconds / bare.rawMBPerSec, 2),
      ackP99OverP50: round(ackP99 / ackP50, 1),
      rssIdleMB: Math.round(rssIdleMB),
      rssAfterMB: Math.round(rssAfterMB),
      ...(rssAfterEvictionMB === undefined ? {} : { rssAfterEvictionMB }),
    };
  } finally {
    await topology.stop();
  }
}

/**
 * The least work the design needs on the same bytes, in one process on one thread: gunzip
 * the body as sent, JSON.parse it, gzip-6 it for storage.
 */
function bareCost(bodies: { raw: Buffer; gz: Buffer }[], events: number): IngestBenchResult['bare'] {
  const { cpuSeconds, wallSeconds } = ownCpuSeconds(() => {
    for (const { gz } of bodies) {
      const raw = gunzipSync(gz);
      JSON.parse(raw.toString('utf8'));
      gzipSync(raw, { level: 6 });
    }
  });
  const bytes = bodies.reduce((n, b) => n + b.raw.length, 0);
  return { eventsPerSec: Math.round(events / wallSeconds), rawMBPerSec: round(bytes / 1e6 / wallSeconds, 2), seconds: round(wallSeconds, 3), cpuSeconds: round(cpuSeconds, 3) };
}
