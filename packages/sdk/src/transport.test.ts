/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { silentLogger } from './logger.js';
import { createFetchTransport, type FetchTransportOptions } from './transport.js';

interface Call {
  url: string;
  init: RequestInit;
}

function setup(overrides: Partial<FetchTransportOptions> & { status?: number; fail?: boolean } = {}) {
  const calls: Call[] = [];
  const beacons: { url: string; data: Blob }[] = [];
  const transport = createFetchTransport({
    endpoint: 'http://127.0.0.1:3000',
    projectKey: 'pk_1',
    log: silentLogger,
    fetch: async (url, init) => {
      calls.push({ url, init });
      if (overrides.fail) throw new TypeError('Failed to fetch');
      return { status: overrides.status ?? 202 };
    },
    sendBeacon: (url, data) => {
      beacons.push({ url, data });
      return true;
    },
    supportsKeepalive: true,
    ...overrides,
  });
  return { transport, calls, beacons };
}

test('send gzips the body and sets the agreed headers', async () => {
  const { transport, calls } = setup();
  const body = '{"v":1,"sessionId":"s","seq":0,"events":[]}';
  assert.equal(await transport.send(body), 'ok');
  assert.equal(calls.length, 1);
  const { url, init } = calls[0];
  assert.equal(url, 'http://127.0.0.1:3000/v1/replay');
  assert.equal(init.method, 'POST');
  assert.deepEqual(init.headers, {
    'Content-Type': 'application/json',
    'x-gosight-key': 'pk_1',
    'Content-Encoding': 'gzip',
  });
  assert.equal(gunzipSync(new Uint8Array(init.body as ArrayBuffer)).toString(), body);
});

test('send falls back to plain JSON without CompressionStream', async () => {
  const { transport, calls } = setup({ gzip: false });
  await transport.send('{}');
  assert.equal(calls[0].init.body, '{}');
  assert.equal((calls[0].init.headers as Record<string, string>)['Content-Encoding'], undefined);
});

test('send maps network errors and statuses to outcomes', async () => {
  assert.equal(await setup({ fail: true }).transport.send('{}'), 'retry');
  assert.equal(await setup({ status: 503 }).transport.send('{}'), 'retry');
  assert.equal(await setup({ status: 429 }).transport.send('{}'), 'retry');
  assert.equal(await setup({ status: 401 }).transport.send('{}'), 'drop');
});

test('sendFinal uses keepalive fetch with plain JSON and the key header', () => {
  const { transport, calls, beacons } = setup();
  assert.equal(transport.sendFinal(['{"seq":1}', '{"seq":2}']), 2);
  assert.equal(beacons.length, 0);
  assert.deepEqual(calls.map((c) => c.init.body), ['{"seq":1}', '{"seq":2}']);
  assert.equal(calls[0].init.keepalive, true);
  assert.equal((calls[0].init.headers as Record<string, string>)['x-gosight-key'], 'pk_1');
});

test('sendFinal moves to sendBeacon with ?key= once the keepalive budget is spent', async () => {
  const { transport, calls, beacons } = setup();
  const big = 'x'.repeat(40_000);
  assert.equal(transport.sendFinal([big, big]), 2);
  assert.equal(calls.length, 1);
  assert.equal(beacons.length, 1);
  assert.equal(beacons[0].url, 'http://127.0.0.1:3000/v1/replay?key=pk_1');
  assert.equal(beacons[0].data.type, 'application/json');
  assert.equal(await beacons[0].data.text(), big);
});

test('sendFinal stops at the first batch the browser refuses, keeping order', () => {
  const { transport } = setup({ supportsKeepalive: false, sendBeacon: () => false });
  assert.equal(transport.sendFinal(['a', 'b']), 0);
  let accepted = 0;
  const partial = setup({ supportsKeepalive: false, sendBeacon: () => accepted++ < 1 }).transport;
  assert.equal(partial.sendFinal(['a', 'b', 'c']), 1);
});
