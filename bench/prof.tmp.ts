import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedLoad, syntheticLoad, runIngestBench, BENCH_KEY, type BenchTopology } from './ingest-bench.js';
import { appRecordings } from './recordings/record-apps.js';
import { freePort } from '../e2e/support/server-process.js';
const recordings = await appRecordings(fileURLToPath(new URL('../.bench/recordings.json', import.meta.url)), { takes: 2, seconds: 15 }, console.log);
const topology = async (): Promise<BenchTopology> => {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.CPU_PROF] : []), 'packages/server/bin/gosight.mjs', 'start', '--port', String(port),
    '--data-dir', mkdtempSync(join(tmpdir(), 'gs-prof-')), '--project-key', BENCH_KEY, '--log-level', 'warn', '--ingest-rate-per-address', '0', '--ingest-rate-per-key', '0'], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) { try { if ((await fetch(`${url}/api/health`)).ok) break; } catch { /* starting */ } await new Promise((r) => setTimeout(r, 200)); }
  return { name: 'profiled', ingestUrl: url, apiUrl: url, pids: [child.pid!], stop: () => new Promise<void>((resolve) => {
    const byName = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
        const raw = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')); const name = raw === 'node' ? (tid === String(child.pid) ? 'node main' : 'node other ' + tid) : raw.replace(/\d+$/, '#');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byName.set(name, (byName.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
      } catch { /* thread ended */ }
    }
    console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([n, c]) => `${c.toFixed(2).padStart(7)} s  ${n}`).join('\n')); child.once('exit', () => resolve()); child.kill('SIGTERM'); }) };
};
const load = process.env.SYNTH ? syntheticLoad({ clients: 32, sessionsPerClient: 2, batchesPerSession: 60, eventsPerBatch: 50 }) : recordedLoad(recordings, { clients: 32, sessions: 64 });
const r = await runIngestBench(load, { playableProbes: 2 }, () => undefined, topology);
console.log(JSON.stringify({ cpu: r.serverCpuSeconds, ratio: r.cpuRatio, stored: r.storedOverBare }));
