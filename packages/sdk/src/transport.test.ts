/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { gzipTextSync } from './gzip-sync.js';
import { silentLogger } from './logger.js';
import { createFetchTransport, type FetchTransportOptions } from './transport.js';

interface Call {
  url: string;
  init: RequestInit;
}

function setup(overrides: Partial<FetchTransportOptions> & { status?: number; fail?: boolean; retryAfter?: string } = {}) {
  const calls: Call[] = [];
  const beacons: { url: string; data: Blob }[] = [];
  const transport = createFetchTransport({
    endpoint: 'http://127.0.0.1:3000',
    projectKey: 'pk_1',
    log: silentLogger,
    fetch: async (url, init) => {
      calls.push({ url, init });
      if (overrides.fail) throw new TypeError('Failed to fetch');
      const retryAfter = overrides.retryAfter ?? null;
      return { status: overrides.status ?? 200, headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : null) } };
    },
    sendBeacon: (url, data) => {
      beacons.push({ url, data });
      return true;
    },
    supportsKeepalive: true,
    gzipSync: gzipTextSync,
    now: () => 0,
    ...overrides,
  });
  return { transport, calls, beacons };
}

const headersOf = (call: Call) => call.init.headers as Record<string, string>;

test('send gzips the body and sets the agreed headers', async () => {
  const { transport, calls } = setup();
  const body = '{"v":1,"sessionId":"s","seq":0,"events":[]}';
  assert.deepEqual(await transport.send([body.slice(0, 10), body.slice(10)]), { outcome: 'ok' });
  assert.equal(calls.length, 1);
  const { url, init } = calls[0];
  assert.equal(url, 'http://127.0.0.1:3000/v1/replay');
  assert.equal(init.method, 'POST');
  assert.equal(init.credentials, 'omit');
  assert.equal(init.keepalive, false);
  assert.deepEqual(init.headers, { 'Content-Type': 'application/json', 'x-gosight-key': 'pk_1', 'Content-Encoding': 'gzip' });
  assert.equal(gunzipSync(new Uint8Array(init.body as ArrayBuffer)).toString(), body);
});

test('send falls back to plain JSON without CompressionStream', async () => {
  const { transport, calls } = setup({ gzip: false });
  await transport.send(['{}']);
  assert.equal(calls[0].init.body, '{}');
  assert.equal(headersOf(calls[0])['Content-Encoding'], undefined);
});

test('while the page is hidden, small requests go with keepalive', async () => {
  const { transport, calls } = setup({ isPageHidden: () => true });
  await transport.send(['{}']);
  assert.equal(calls[0].init.keepalive, true);
});

test('send maps network errors and statuses to outcomes, with Retry-After', async () => {
  assert.deepEqual(await setup({ fail: true }).transport.send(['{}']), { outcome: 'retry' });
  assert.deepEqual(await setup({ status: 503 }).transport.send(['{}']), { outcome: 'retry' });
  assert.deepEqual(await setup({ status: 429, retryAfter: '3' }).transport.send(['{}']), { outcome: 'retry', retryAfterMs: 3000 });
  assert.deepEqual(await setup({ status: 401, retryAfter: '3' }).transport.send(['{}']), { outcome: 'drop' });
  assert.deepEqual(await setup({ fetch: undefined }).transport.send(['{}']), { outcome: 'drop' });
});

test('sendFinal uses keepalive fetch with plain JSON and the key header', () => {
  const { transport, calls, beacons } = setup();
  assert.equal(transport.sendFinal(['{"seq":1}', '{"seq":2}']), 2);
  assert.equal(beacons.length, 0);
  assert.deepEqual(calls.map((c) => c.init.body), ['{"seq":1}', '{"seq":2}']);
  assert.equal(calls[0].init.keepalive, true);
  assert.equal(headersOf(calls[0])['x-gosight-key'], 'pk_1');
});

test('sendFinal gzips synchronously what does not fit plain, and stops when nothing fits', () => {
  const { transport, calls } = setup();
  const big = JSON.stringify({ events: Array.from({ length: 4000 }, (_, i) => ({ type: 3, i })) });
  assert.ok(big.length > 60_000);
  const random = randomBytes(100_000).toString('base64'); // does not fit even gzipped
  assert.equal(transport.sendFinal([big, random]), 1);
  assert.equal(headersOf(calls[0])['Content-Encoding'], 'gzip');
  assert.equal(gunzipSync(calls[0].init.body as Uint8Array).toString(), big);
});

test('sendFinal uses sendBeacon (text/plain, ?key=) where keepalive is missing', async () => {
  const { transport, calls, beacons } = setup({ supportsKeepalive: false });
  assert.equal(transport.sendFinal(['{"seq":1}']), 1);
  assert.equal(calls.length, 0);
  assert.equal(beacons[0].url, 'http://127.0.0.1:3000/v1/replay?key=pk_1');
  assert.equal(beacons[0].data.type, 'text/plain;charset=utf-8');
  assert.equal(await beacons[0].data.text(), '{"seq":1}');
});

test('sendFinal stops at the first batch the browser refuses, keeping order', () => {
  assert.equal(setup({ supportsKeepalive: false, sendBeacon: () => false }).transport.sendFinal(['a', 'b']), 0);
  let accepted = 0;
  const partial = setup({ supportsKeepalive: false, sendBeacon: () => accepted++ < 1 }).transport;
  assert.equal(partial.sendFinal(['a', 'b', 'c']), 1);
  const throwing = setup({
    fetch: () => {
      throw new TypeError('keepalive quota');
    },
  }).transport;
  assert.equal(throwing.sendFinal(['a']), 0);
});

test('with a worker, visible pages send through it; hidden pages and a failed worker use fetch', async () => {
  const posts: string[] = [];
  let mode: 'ok' | 'retry-after' | 'network' | 'broken' = 'ok';
  const worker = {
    async send(_url: string, _headers: Record<string, string>, parts: readonly string[]) {
      posts.push(parts.join(''));
      if (mode === 'broken') throw new Error('worker gone');
      if (mode === 'network') return { networkError: true as const };
      return mode === 'ok' ? { status: 200, retryAfter: null } : { status: 429, retryAfter: '4' };
    },
  };
  let hidden = false;
  const { transport, calls } = setup({ worker, isPageHidden: () => hidden });
  assert.deepEqual(await transport.send(['a']), { outcome: 'ok' });
  mode = 'retry-after';
  assert.deepEqual(await transport.send(['b']), { outcome: 'retry', retryAfterMs: 4000 });
  mode = 'network';
  assert.deepEqual(await transport.send(['c']), { outcome: 'retry' });
  assert.equal(calls.length, 0);
  hidden = true;
  await transport.send(['d']);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].init.keepalive, true);
  hidden = false;
  mode = 'broken';
  assert.deepEqual(await transport.send(['e']), { outcome: 'ok' });
  assert.equal(calls.length, 2);
  assert.deepEqual(posts, ['a', 'b', 'c', 'e']);
});
