/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from './logger.js';
import { createFakeClock } from './test-support/fake-timers.js';
import { createWorkerSender, type WorkerEnv } from './worker-sender.js';

/** A stand-in for the browser's Worker: records posts, lets the test answer or fail. */
class FakeWorker {
  static last: FakeWorker | null = null;
  posted: { id: number; url: string; headers: Record<string, string>; parts: readonly string[] }[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public url: string) {
    FakeWorker.last = this;
  }
  postMessage(data: { id: number; url: string; headers: Record<string, string>; parts: readonly string[] }): void {
    this.posted.push(data);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.onmessage?.({ data });
  }
}

function env(clock = createFakeClock()): WorkerEnv {
  return {
    Worker: FakeWorker as unknown as typeof Worker,
    Blob: Blob,
    URL: { createObjectURL: () => 'blob:gosight' },
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  };
}

test('posts the batch to the worker and resolves with its answer', async () => {
  const sender = createWorkerSender(env(), silentLogger);
  assert.ok(sender);
  const worker = FakeWorker.last!;
  assert.equal(worker.url, 'blob:gosight');
  const pending = sender.send('http://gs/v1/replay', { 'x-gosight-key': 'k' }, ['{"seq":', '0}']);
  assert.deepEqual(worker.posted[0], { id: 1, url: 'http://gs/v1/replay', headers: { 'x-gosight-key': 'k' }, parts: ['{"seq":', '0}'] });
  worker.reply({ id: 1, status: 503, retryAfter: '2' });
  assert.deepEqual(await pending, { status: 503, retryAfter: '2' });
  const failing = sender.send('u', {}, ['b']);
  worker.reply({ id: 2, networkError: true });
  assert.deepEqual(await failing, { networkError: true });
});

test('a worker error (e.g. CSP without worker-src blob:) rejects pending and later calls', async () => {
  const sender = createWorkerSender(env(), silentLogger)!;
  const worker = FakeWorker.last!;
  const pending = sender.send('u', {}, ['b']);
  worker.onerror?.();
  await assert.rejects(pending);
  await assert.rejects(sender.send('u', {}, ['b']));
  assert.equal(worker.terminated, true);
});

test('a worker that never answers is given up after a minute', async () => {
  const clock = createFakeClock();
  const sender = createWorkerSender(env(clock), silentLogger)!;
  const pending = sender.send('u', {}, ['b']);
  clock.advance(60_000);
  await assert.rejects(pending);
});

test('no Worker, or one that cannot be built, means no worker sender', () => {
  assert.equal(createWorkerSender({ ...env(), Worker: undefined }, silentLogger), null);
  const Throwing = function () {
    throw new Error('SecurityError');
  } as unknown as typeof Worker;
  assert.equal(createWorkerSender({ ...env(), Worker: Throwing }, silentLogger), null);
});
