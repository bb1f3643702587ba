import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';

/** A logger that drops everything, for tests. */
export const silentLogger = () => pino({ level: 'silent' });

/** A new empty temporary directory. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `gosight-${prefix}-`));

/** Polls `probe` until it returns a value, failing after `timeoutMs` with what was awaited. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
