import { createConnection, createServer, type Server } from 'node:net';
import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a data directory, as told to a second process that wants it. */
export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  /** Where the holder serves HTTP, once it does. */
  url?: string;
}

export interface DataDirLock {
  /** Releases the lock (the kernel also does when the process dies). */
  release(): Promise<void>;
}

/** Another process holds the data directory; the message says which and what to do. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * An exclusive lock on a data directory, taken before anything in it is opened (the embedded
 * queue and chDB both assume one process). It is a listening Unix socket:
 * - on Linux, in the abstract namespace, named after the directory's device and inode, so every
 *   path to the directory (symlinks, bind mounts) names one lock, and the kernel frees it the
 *   moment the holder dies, `kill -9` included: a crash never leaves a stale lock behind;
 * - elsewhere, a socket file inside the directory; one that nobody answers on is left over from
 *   a crash and is replaced.
 * A second process connects to it and reads the holder's description for its error message.
 */
export async function lockDataDir(dir: string, describe: () => LockHolder): Promise<DataDirLock> {
  const { dev, ino } = statSync(dir);
  const onLinux = process.platform === 'linux';
  const address = onLinux ? `\0gosight-data-dir-${dev}-${ino}` : join(dir, '.gosight.lock');
  const server = createServer((socket) => socket.end(`${JSON.stringify(describe())}\n`));
  server.unref();
  try {
    await listen(server, address);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const holder = await askHolder(address);
    if (holder) throw new DataDirLockedError(lockedMessage(dir, holder));
    if (onLinux) throw new DataDirLockedError(`${dir} is locked by a process that does not answer; try again in a moment`);
    // A socket file left by a process that died: nobody listens on it any more.
    unlinkSync(address);
    await listen(server, address);
  }
  return { release: () => new Promise((resolve) => server.close(() => resolve())) };
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The holder's description, or undefined when nobody answers (a stale socket file). */
function askHolder(address: string): Promise<LockHolder | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const socket = createConnection(address);
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => {
      try {
        resolve(JSON.parse(text) as LockHolder);
      } catch {
        resolve(text ? { pid: 0, command: 'unknown', startedAt: 'unknown' } : undefined);
      }
    });
  });
}

function lockedMessage(dir: string, h: LockHolder): string {
  const where = h.url ? `, serving ${h.url}` : '';
  return `the data directory ${dir} is in use by another GoSight process (pid ${h.pid}, running ${h.command}, `
    + `started ${h.startedAt}${where}). Stop that process first, or give this one its own --data-dir.`;
}
