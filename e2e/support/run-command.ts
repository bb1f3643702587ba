import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/server/bin/gosight.mjs', import.meta.url));

/**
 * Runs a gosight command to completion and returns its exit code and output. `onOutput`
 * sees the output as it grows and gets the child, e.g. to send it SIGINT.
 */
export function runGosight(args: string[], onOutput?: (out: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (d: Buffer) => {
      output += d.toString();
      onOutput?.(output, child);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
