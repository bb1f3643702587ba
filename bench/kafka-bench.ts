import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafkaMockCluster } from '../packages/server/testing/kafka-mock-cluster.js';
import { startClickHouseShim } from '../e2e/support/clickhouse-shim-process.js';
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process.js';
import { BENCH_KEY, type BenchTopology } from './ingest-bench.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `gosight-bench-${p}-`));

/**
 * Scale-out on this machine: `gosight ingest` → Kafka (librdkafka's mock cluster) →
 * `processors` × `gosight process` → ClickHouse over HTTP (the test-only chDB shim) →
 * `gosight api`. Every process shares the same two cores, so the figures show the
 * pipeline's overhead and scaling trend, not a cluster's capacity.
 */
export function kafkaTopology(processors: number): () => Promise<BenchTopology> {
  return async () => {
    const kafka = await startKafkaMockCluster();
    const clickhouse = await startClickHouseShim(tmp('ch'));
    const args = ['--queue', 'kafka', '--kafka-brokers', kafka.bootstrap, '--clickhouse-url', clickhouse.url];
    const procs: ServerProcess[] = [];
    const stop = async () => {
      for (const p of procs.reverse()) await p.stop().catch(() => undefined);
      await clickhouse.stop();
      await kafka.stop();
    };
    try {
      const ingest = await startServerProcess({ command: 'ingest', dataDir: tmp('ingest'), projectKey: BENCH_KEY, extraArgs: args });
      procs.push(ingest);
      for (let i = 0; i < processors; i++) {
        procs.push(await startServerProcess({ command: 'process', dataDir: tmp(`p${i}`), projectKey: BENCH_KEY, extraArgs: args }));
      }
      const api = await startServerProcess({ command: 'api', dataDir: tmp('api'), projectKey: BENCH_KEY, extraArgs: args });
      procs.push(api);
      // Let the consumer group settle so every processor owns partitions before the load.
      await new Promise((r) => setTimeout(r, 6_000));
      return { name: `Kafka, ${processors} processor${processors > 1 ? 's' : ''}`, ingestUrl: ingest.url, apiUrl: api.url, pids: procs.map((p) => p.child.pid!),
        healthUrls: procs.slice(1, 1 + processors).map((p) => p.url), stop };
    } catch (err) {
      await stop();
      throw err;
    }
  };
}
