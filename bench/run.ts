import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runIngestBench, syntheticLoad, type IngestBenchResult } from './ingest-bench.js';
import { runIngestSuite } from './ingest-suite.js';
import { kafkaTopology } from './kafka-bench.js';
import { printTable } from './stats.js';

/**
 * `npm run bench`: runs the benchmarks, prints a table per benchmark and writes all
 * results to .bench/results.json. `--quick` runs a smaller load (for a smoke check);
 * `--clients N` sets the number of concurrent posting clients (default 32: many browsers).
 */
const quick = process.argv.includes('--quick');
const clientsArg = process.argv.indexOf('--clients');
const clients = clientsArg > 0 ? Number(process.argv[clientsArg + 1]) : undefined;
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
const log = (s: string) => console.log(s);

const { recorded: ingest, synthetic } = await runIngestSuite(quick, clients, log);

// Scale-out: the same load through Kafka with one, then two processor processes.
const scaleOut: IngestBenchResult[] = [];
for (const processors of [1, 2]) {
  log(`\nscale-out bench: Kafka with ${processors} processor process(es)`);
  // The synthetic load: through the Kafka mock and the ClickHouse shim on two cores, the recorded one takes too long for this run.
  scaleOut.push(await runIngestBench(syntheticLoad(quick
    ? { clients: clients ?? 4, sessionsPerClient: 2, batchesPerSession: 20, eventsPerBatch: 50 }
    : { clients: clients ?? 32, sessionsPerClient: 2, batchesPerSession: 60, eventsPerBatch: 50 }), { playableProbes: 3 }, log, kafkaTopology(processors)));
}
printTable('Scale-out: ingest -> Kafka (mock cluster) -> processors -> ClickHouse over HTTP (chDB shim), all on this machine', [
  ['', 'acked ev/s | stored ev/s | stored MB/s | ack p50/p99 ms | ack->playable p50 ms'],
  ...scaleOut.map((r, i): [string, string] => [`${i + 1} processor${i ? 's' : ''}`,
    `${r.ackedEventsPerSec} | ${r.storedEventsPerSec} | ${r.storedRawMBPerSec} | ${r.ackLatencyMs.p50}/${r.ackLatencyMs.p99} | ${r.ackToPlayableMs.p50}`]),
]);

const results: Record<string, unknown> = { date: new Date().toISOString(), quick, ingest, synthetic, scaleOut };

// --- player bench ---
// The player on 5/60/240-minute sessions built from a real recorded chunk (bench/player-bench.ts).
const { runPlayerBench } = await import('./player-bench.js');
log('\nplayer bench');
const playerBench = await runPlayerBench(quick
  ? { lengthsMinutes: [5, 20], firstFrameRuns: 2, seeks: 10, heapMinutes: 20, playThroughLimitMs: 60_000 }
  : { lengthsMinutes: [5, 60, 240], firstFrameRuns: 5, seeks: 30, heapMinutes: 60, playThroughLimitMs: 150_000 }, log);
printTable(`Player in Chromium, served locally (targets: first frame p50 <= ${playerBench.targets.firstFrameMs} ms, seek p95 <= ${playerBench.targets.seekP95Ms} ms)`, [
  ['session | chunks', 'first frame p50/max ms (player share p50) | seek p50/p95/max ms (n) | heap after first frame MB'],
  ...playerBench.sessions.map((s): [string, string] => [`${s.minutes} min | ${s.chunks}`,
    `${s.firstFrameMs.p50}/${s.firstFrameMs.max} (${s.playerFirstFrameMs.p50}) | ${s.seekMs.p50}/${s.seekMs.p95}/${s.seekMs.max} (${s.seekMs.n}) | ${s.heapAfterFirstFrameMB}`]),
  [`play-through ${playerBench.heap.minutes} min at 8x`, `${playerBench.heap.playedMinutes} min in ${playerBench.heap.wallSeconds} s, ${playerBench.heap.chunkFetches} chunk fetches, at most ${playerBench.heap.maxChunksInMemory} chunks in memory`],
  ['JS heap after first frame / after play-through', `${playerBench.heap.afterFirstFrameMB} / ${playerBench.heap.afterPlayThroughMB} MB (DOM nodes ${playerBench.heap.domNodesAfterFirstFrame} / ${playerBench.heap.domNodesAfterPlayThrough})`],
  ['targets met', playerBench.targets.met ? 'yes' : 'no'],
]);
results.player = playerBench;
// --- end player bench ---

// --- sdk bench ---
// Browser SDK: main-thread cost in Chromium (no recorder / bare rrweb / GoSight SDK, interleaved) and bytes per minute on the demo.
const { runSdkBench } = await import('./sdk-bench.js');
log('\nsdk bench: Chromium, mutation-heavy page (no recorder, bare rrweb record, GoSight SDK)');
const sdk = await runSdkBench(quick
  ? { reps: 3, rounds: 10, rows: 1000, demoSeconds: 15 }
  : { reps: 7, rounds: 20, rows: 1000, demoSeconds: 60 }, log);
const sdkRow = (m: keyof typeof sdk.mainThread): string =>
  `${sdk.mainThread[m].cpuMsMedian} | ${sdk.mainThread[m].taskMsMedian} | ${sdk.mainThread[m].workerCpuMsMedian}`;
printTable(`Browser SDK: main thread, ${sdk.options.rounds} x (add ${sdk.options.rows} rows, remove them), median of ${sdk.options.reps}`, [
  ['', 'main-thread CPU ms | task wall ms | worker CPU ms'],
  ['no recorder', sdkRow('none')],
  ['bare rrweb record', sdkRow('rrweb')],
  ['bare rrweb + JSON.stringify per event', sdkRow('rrweb+json')],
  ['GoSight SDK', sdkRow('sdk')],
  ['recording cost: rrweb / SDK (CPU ms)', `${sdk.rrwebAddedCpuMs} / ${sdk.sdkAddedCpuMs}`],
  ['SDK over bare rrweb, CPU (target <= 5 %)', `${sdk.sdkOverRrwebPct} %`],
  ['SDK over bare rrweb + JSON.stringify, CPU', `${sdk.sdkOverRrwebJsonPct} %`],
  ['SDK over bare rrweb, task wall time', `${sdk.sdkOverRrwebWallPct} %`],
  ['SDK batches / gzipped KB sent', `${sdk.sdkBatches} / ${sdk.sdkGzipKB}`],
  ['IIFE bundle, gzipped (target <= 45 KB)', `${(sdk.bundleGzipBytes / 1024).toFixed(1)} KB`],
]);
printTable(`Browser SDK: bytes sent on the demo app (scripted visitor, ${sdk.demo.seconds} s)`, [
  ['gzipped bytes / min (as sent)', sdk.demo.gzipBytesPerMin],
  ['JSON bytes / min (decompressed)', sdk.demo.rawBytesPerMin],
  ['events / min', sdk.demo.eventsPerMin],
  ['batches / requests', `${sdk.demo.batches} / ${sdk.demo.requests}`],
]);
results.sdk = sdk;
// --- end sdk bench ---

// --- search bench ---
// Search and page maps over generated sessions indexed in chDB (bench/search-bench.ts).
const { runSearchBench } = await import('./search-bench.js');
const { printSearchBench } = await import('./search-table.js');
log(`\nsearch bench: ${quick ? '10 000' : '100 000'} generated sessions in chDB`);
results.search = await runSearchBench(quick ? { sessions: 10_000, runs: 10 } : { sessions: 100_000, runs: 30 }, log);
printSearchBench(results.search as Awaited<ReturnType<typeof runSearchBench>>);
// --- end search bench ---

mkdirSync(outDir, { recursive: true });
const file = `${outDir}results.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nresults written to ${file}`);
