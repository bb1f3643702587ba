import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runIngestBench, type IngestBenchResult } from './ingest-bench.js';
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

const ingestLoad = quick
  ? { clients: clients ?? 4, sessionsPerClient: 2, batchesPerSession: 20, eventsPerBatch: 50, playableProbes: 3 }
  : { clients: clients ?? 32, sessionsPerClient: 2, batchesPerSession: 60, eventsPerBatch: 50, playableProbes: 10 };
const ingest = await runIngestBench(ingestLoad, log);

printTable('Ingest, embedded default (gosight start: FileQueue + processor + chDB)', [
  ['clients (concurrent)', ingest.options.clients],
  ['batches / events', `${ingest.batches} / ${ingest.events}`],
  ['raw / gzipped MB', `${ingest.rawMB} / ${ingest.gzipMB}`],
  ['acked: events/s', ingest.ackedEventsPerSec],
  ['acked: raw MB/s', ingest.ackedRawMBPerSec],
  ['stored: events/s', ingest.storedEventsPerSec],
  ['stored: raw MB/s', ingest.storedRawMBPerSec],
  ['ack latency p50 / p99 / max ms', `${ingest.ackLatencyMs.p50} / ${ingest.ackLatencyMs.p99} / ${ingest.ackLatencyMs.max}`],
  ['ack -> playable p50 / max ms', `${ingest.ackToPlayableMs.p50} / ${ingest.ackToPlayableMs.max}`],
  ['bare JSON.parse+gzip: events/s', ingest.bare.eventsPerSec],
  ['bare JSON.parse+gzip: raw MB/s', ingest.bare.rawMBPerSec],
  ['acked / bare ratio', ingest.ratio],
]);

// Scale-out: the same load through Kafka with one, then two processor processes.
const scaleOut: IngestBenchResult[] = [];
for (const processors of [1, 2]) {
  log(`\nscale-out bench: Kafka with ${processors} processor process(es)`);
  scaleOut.push(await runIngestBench({ ...ingestLoad, playableProbes: 3 }, log, kafkaTopology(processors)));
}
printTable('Scale-out: ingest -> Kafka (mock cluster) -> processors -> ClickHouse over HTTP (chDB shim), all on this machine', [
  ['', 'acked ev/s | stored ev/s | stored MB/s | ack p50/p99 ms | ack->playable p50 ms'],
  ...scaleOut.map((r, i): [string, string] => [`${i + 1} processor${i ? 's' : ''}`,
    `${r.ackedEventsPerSec} | ${r.storedEventsPerSec} | ${r.storedRawMBPerSec} | ${r.ackLatencyMs.p50}/${r.ackLatencyMs.p99} | ${r.ackToPlayableMs.p50}`]),
]);

const results: Record<string, unknown> = { date: new Date().toISOString(), quick, ingest, scaleOut };

// --- player bench ---
// --- end player bench ---

// --- sdk bench ---
// --- end sdk bench ---

mkdirSync(outDir, { recursive: true });
const file = `${outDir}results.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nresults written to ${file}`);
