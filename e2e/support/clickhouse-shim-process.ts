import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const shimScript = fileURLToPath(new URL('./clickhouse-http-shim.ts', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** Starts the test-only ClickHouse HTTP shim in its own process; stop() ends it by PID. */
export async function startClickHouseShim(path: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [tsxCli, shimScript, '--path', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shim did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`shim exited with ${code}:\n${out}`)); });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { url, stop: async () => { child.kill('SIGTERM'); await exited; } };
}
