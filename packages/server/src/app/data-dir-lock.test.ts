import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/test-support.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const holder = (command: string) => () => ({ pid: process.pid, command, startedAt: '2026-12-02T10:00:00.000Z', url: 'http://127.0.0.1:3000' });

test('a second lock on the same directory, by any path to it, is refused with who holds it', async () => {
  const dir = tempDir('lock');
  const link = join(tempDir('lock-link'), 'data');
  symlinkSync(dir, link);
  const lock = await lockDataDir(dir, holder('start'));
  await assert.rejects(lockDataDir(link, holder('api')), (err: Error) => err instanceof DataDirLockedError
    && err.message.includes(`pid ${process.pid}, running start`) && err.message.includes('serving http://127.0.0.1:3000')
    && err.message.includes('give this one its own --data-dir'));
  const other = tempDir('lock-other');
  mkdirSync(other, { recursive: true });
  const unrelated = await lockDataDir(other, holder('start'));
  await unrelated.release();
  await lock.release();
  const again = await lockDataDir(dir, holder('start'));
  await again.release();
});

test('a holder killed with SIGKILL leaves no stale lock', async () => {
  const dir = tempDir('lock-kill');
  const script = `import { lockDataDir } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)};
    await lockDataDir(${JSON.stringify(dir)}, () => ({ pid: process.pid, command: 'child', startedAt: 'now' }));
    process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));
  await assert.rejects(lockDataDir(dir, holder('start')), /running child/);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const lock = await lockDataDir(dir, holder('start'));
  await lock.release();
});
