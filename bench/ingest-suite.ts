import { fileURLToPath } from 'node:url';
import { recordedLoad, runIngestBench, syntheticLoad, type IngestBenchResult } from './ingest-bench.js';
import { appRecordings } from './recordings/record-apps.js';
import { printTable } from './stats.js';
import { SETTINGS } from '../packages/server/src/config/settings.js';

/** The processor's default --session-idle-ms: how long a finished session's chunk stays in memory. */
const SESSION_IDLE_MS = Number(SETTINGS.find((s) => s.key === 'sessionIdleMs')!.default);

const RECORDINGS_FILE = fileURLToPath(new URL('../.bench/recordings.json', import.meta.url));

/** Targets of the write path (issue: each byte parsed once and compressed once). */
export const INGEST_TARGETS = { cpuRatio: 1.3, storedOverBare: 0.6, ackedOverBare: 0.8, ackP99OverP50: 4, playableP50Ms: 1000, rssGrowth: 0.2 };

/**
 * The ingest benchmark on the embedded default, twice: a load made of real recordings of
 * app pages (the one the targets are about: real apps cost more per byte than synthetic
 * events), and the synthetic load earlier runs used, for comparison.
 */
export async function runIngestSuite(quick: boolean, clients: number | undefined, log: (s: string) => void): Promise<{ recorded: IngestBenchResult; synthetic: IngestBenchResult }> {
  const recordings = await appRecordings(RECORDINGS_FILE, { takes: 2, seconds: 15 }, log);
  const recorded = await runIngestBench(recordedLoad(recordings, quick ? { clients: clients ?? 4, sessions: 8 } : { clients: clients ?? 32, sessions: 64 }),
    { playableProbes: quick ? 3 : 10, evictionWaitMs: quick ? undefined : SESSION_IDLE_MS + 15_000 }, log);
  const synthetic = await runIngestBench(syntheticLoad(quick
    ? { clients: clients ?? 4, sessionsPerClient: 2, batchesPerSession: 20, eventsPerBatch: 50 }
    : { clients: clients ?? 32, sessionsPerClient: 2, batchesPerSession: 60, eventsPerBatch: 50 }), { playableProbes: quick ? 3 : 10 }, log);
  const t = INGEST_TARGETS;
  const both = (f: (r: IngestBenchResult) => string | number): string => `${f(recorded)} | ${f(synthetic)}`;
  printTable('Ingest, embedded default (gosight start: FileQueue + processor + chDB)', [
    ['', `${recorded.load} | ${synthetic.load}`],
    ['clients / sessions', both((r) => `${r.clients} / ${r.sessions}`)],
    ['batches / events', both((r) => `${r.batches} / ${r.events}`)],
    ['raw / gzipped MB', both((r) => `${r.rawMB} / ${r.gzipMB}`)],
    ['acked: raw MB/s', both((r) => r.ackedRawMBPerSec)],
    ['stored: raw MB/s', both((r) => r.storedRawMBPerSec)],
    ['bare gunzip+parse+gzip-6: raw MB/s (1 core)', both((r) => r.bare.rawMBPerSec)],
    [`server CPU s / bare CPU s (target <= ${t.cpuRatio})`, both((r) => `${r.serverCpuSeconds} / ${r.bare.cpuSeconds} = ${r.cpuRatio}`)],
    [`stored / bare (target >= ${t.storedOverBare})`, both((r) => r.storedOverBare)],
    [`acked / bare (target >= ${t.ackedOverBare})`, both((r) => r.ackedOverBare)],
    [`ack latency p50 / p99 ms (p99 <= ${t.ackP99OverP50} x p50)`, both((r) => `${r.ackLatencyMs.p50} / ${r.ackLatencyMs.p99} (${r.ackP99OverP50}x)`)],
    [`ack -> playable p50 / max ms (target p50 <= ${t.playableP50Ms})`, both((r) => `${r.ackToPlayableMs.p50} / ${r.ackToPlayableMs.max}`)],
    [`server RSS idle -> 10 s after MB (within ${t.rssGrowth * 100} %)`, both((r) => `${r.rssIdleMB} -> ${r.rssAfterMB}`)],
    ['server RSS once the sessions left memory MB', both((r) => (r.rssAfterEvictionMB === undefined ? 'not measured' : String(r.rssAfterEvictionMB)))],
  ]);
  return { recorded, synthetic };
}
