import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';

/** A logger that drops everything, for tests. */
export const silentLogger = () => pino({ level: 'silent' });

/** A new empty temporary directory. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `gosight-${prefix}-`));
