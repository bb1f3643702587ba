import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${repoRoot}packages/server/bin/gosight.mjs`;

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output: () => string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process gets no chance to flush anything. */
  kill9(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `gosight start` as a child process on 127.0.0.1 and waits until its API answers.
 * The process is stopped by PID; on test-runner exit it is killed.
 */
export async function startServerProcess(opts: {
  dataDir: string;
  projectKey: string;
  port?: number;
  extraArgs?: string[];
  /** gosight command: start (default), ingest, process or api. */
  command?: string;
}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const command = opts.command ?? 'start';
  const child = spawn(process.execPath, [CLI, command, '--port', String(port), '--host', '127.0.0.1', '--data-dir', opts.dataDir,
    '--project-key', opts.projectKey, '--log-level', 'warn',
    // Tests and benchmarks send from one address far faster than visitors do; the rate-limit test turns limits back on.
    '--ingest-rate-per-address', '0', '--ingest-rate-per-key', '0', ...(opts.extraArgs ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start:\n${out}`);
    if (command === 'process') {
      // No HTTP: ready once it reports what it consumes.
      if (out.includes('GoSight process is running')) break;
    } else {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const finish = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    process.off('exit', killOnExit);
  };
  return { url, port, child, output: () => out, stop: () => finish('SIGTERM'), kill9: () => finish('SIGKILL') };
}
