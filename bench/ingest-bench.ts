import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ReplayBatch } from '@gosight/shared';
import { startServerProcess } from '../e2e/support/server-process.js';
import { fetchManifest, listSessions, waitFor } from '../e2e/support/api-client.js';
import { syntheticSession } from '../e2e/support/synthetic-session.js';
import { percentile, round } from './stats.js';

export interface IngestBenchOptions {
  clients: number;
  sessionsPerClient: number;
  batchesPerSession: number;
  eventsPerBatch: number;
  playableProbes: number;
}

export interface IngestBenchResult {
  options: IngestBenchOptions;
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
  bare: { eventsPerSec: number; rawMBPerSec: number; seconds: number };
  /** Acked pipeline throughput over bare JSON.parse + gzip of the same bytes. */
  ratio: number;
}

export const BENCH_KEY = 'gs_bench';
const KEY = BENCH_KEY;

/** Where the bench posts and reads: one process, or several behind Kafka. */
export interface BenchTopology {
  name: string;
  ingestUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

/** The embedded default: one `gosight start` process. */
export async function embeddedTopology(): Promise<BenchTopology> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-bench-'));
  const server = await startServerProcess({ dataDir, projectKey: KEY });
  return {
    name: 'embedded (gosight start)',
    ingestUrl: server.url,
    apiUrl: server.url,
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
export async function runIngestBench(opts: IngestBenchOptions, log: (s: string) => void,
  startTopology: () => Promise<BenchTopology> = embeddedTopology): Promise<IngestBenchResult & { topology: string }> {
  // Sessions one after another in the last hours (the ingest refuses times outside its window).
  const sessionMs = opts.batchesPerSession * opts.eventsPerBatch * 2 + 10_000;
  const start = Date.now() - opts.clients * opts.sessionsPerClient * sessionMs - 3_600_000;
  const clients = Array.from({ length: opts.clients }, (_, c) =>
    Array.from({ length: opts.sessionsPerClient }, (_, s) =>
      syntheticSession({ batches: opts.batchesPerSession, eventsPerBatch: opts.eventsPerBatch, checkoutEvery: 200, start: start + (c * opts.sessionsPerClient + s) * sessionMs })));
  const bodies = new Map<ReplayBatch, { raw: Buffer; gz: Buffer }>();
  for (const sessions of clients) for (const s of sessions) for (const b of s.batches) {
    const raw = Buffer.from(JSON.stringify(b));
    bodies.set(b, { raw, gz: gzipSync(raw) });
  }
  const all = [...bodies.values()];
  const events = clients.flat().reduce((n, s) => n + s.batches.reduce((m, b) => m + b.events.length, 0), 0);
  const rawBytes = all.reduce((n, b) => n + b.raw.length, 0);
  const gzBytes = all.reduce((n, b) => n + b.gz.length, 0);
  log(`ingest bench: ${opts.clients} clients, ${bodies.size} batches, ${events} events, ${round(rawBytes / 1e6)} MB raw / ${round(gzBytes / 1e6)} MB gzipped`);

  const topology = await startTopology();
  try {
    const latencies: number[] = [];
    const t0 = performance.now();
    let done = 0;
    const progress = setInterval(() => log(`  posted ${done}/${bodies.size} batches`), 2000);
    await Promise.all(clients.map(async (sessions) => {
      for (const s of sessions) for (const b of s.batches) {
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
    const sessionCount = clients.flat().length;
    await waitFor('all events stored', async () => {
      const list = await listSessions(topology.apiUrl);
      const stored = list.sessions.reduce((n, s) => n + s.eventCount, 0);
      return list.total === sessionCount && stored === events ? true : undefined;
    }, 600_000, 100);
    const storedSeconds = (performance.now() - t0) / 1000;

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

    const bare = bareCost(all.map((b) => b.raw), events);
    const ackedEventsPerSec = events / ackSeconds;
    return {
      topology: topology.name,
      options: opts,
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
    };
  } finally {
    await topology.stop();
  }
}

/** JSON.parse plus gzip (level 6) of the same raw bodies, one process, one thread. */
function bareCost(raws: Buffer[], events: number): IngestBenchResult['bare'] {
  const t0 = performance.now();
  for (const raw of raws) {
    JSON.parse(raw.toString('utf8'));
    gzipSync(raw, { level: 6 });
  }
  const seconds = (performance.now() - t0) / 1000;
  const bytes = raws.reduce((n, r) => n + r.length, 0);
  return { eventsPerSec: Math.round(events / seconds), rawMBPerSec: round(bytes / 1e6 / seconds, 2), seconds: round(seconds, 3) };
}
