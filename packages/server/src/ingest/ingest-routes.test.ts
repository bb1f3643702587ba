import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { FileQueue } from '../queue/index.js';
import { collect } from '../queue/queue-contract.js';
import { decodeEnvelope } from '../pipeline/envelope.js';
import { errorHandler } from '../http/error-handler.js';
import { silentLogger, tempDir } from '../../testing/test-support.js';
import { ingestRoutes } from './ingest-routes.js';
import { StaticProjectKeys } from './project-keys.js';
import { ingestPrivacyPolicy } from './scrub-batch.js';

const KEY = 'gs_test_key';
const queue = await FileQueue.open({ dir: tempDir('ingest-q'), segmentBytes: 1 << 20, logger: silentLogger() });
const app = Fastify();
app.setErrorHandler(errorHandler);
await app.register((scope) => ingestRoutes(scope, {
  queue,
  projects: new StaticProjectKeys([[KEY, 'proj-1']]),
  privacy: ingestPrivacyPolicy(['member_no']),
  limits: { maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024, maxEventsPerBatch: 100, maxClockSkewMs: 3_600_000 },
}));
after(async () => { await app.close(); await queue.close(); });

const sessionId = '0b6f9a52-3c1e-4d8e-9f1a-2b3c4d5e6f70';
const T0 = Date.now() - 60_000;
const batch = (seq: number) => ({
  sessionId, seq,
  events: [{ type: 4, timestamp: T0 + seq, data: { href: 'https://a.test/', width: 800, height: 600 } }],
});
const post = (body: Buffer | string, headers: Record<string, string> = {}, url = '/v1/replay') =>
  app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json', ...headers } });
const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

test('a gzipped batch with the key header is acked and queued with its envelope', async () => {
  const body = gzipSync(JSON.stringify(batch(0)));
  const res = await post(body, { 'x-gosight-key': KEY, 'content-encoding': 'gzip', 'user-agent': 'TestAgent/2' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { accepted: 1, sessionId, seq: 0 });
  const [m] = await collect(queue, 'ingest-test-1', 1);
  assert.equal(m.key, sessionId);
  const { header, body: queued } = decodeEnvelope(m.value);
  assert.equal(header.projectId, 'proj-1');
  assert.equal(header.seq, 0);
  assert.equal(header.userAgent, 'TestAgent/2');
  assert.equal(header.encoding, 'gzip');
  assert.deepEqual(JSON.parse(gunzipSync(queued).toString()), batch(0));
});

test('a plain text/plain beacon with the key in the query is accepted', async () => {
  const res = await post(JSON.stringify(batch(1)), { 'content-type': 'text/plain;charset=UTF-8' }, `/v1/replay?key=${KEY}`);
  assert.equal(res.statusCode, 200, res.body);
});

test('missing and unknown keys get 401 with a code', async () => {
  let res = await post(JSON.stringify(batch(2)));
  assert.equal(res.statusCode, 401);
  assert.equal(errorCode(res).code, 'GOSIGHT_MISSING_KEY');
  res = await post(JSON.stringify(batch(2)), { 'x-gosight-key': 'nope' });
  assert.equal(res.statusCode, 401);
  assert.equal(errorCode(res).code, 'GOSIGHT_INVALID_KEY');
});

test('bad bodies get a 4xx that says what is wrong', async () => {
  const h = { 'x-gosight-key': KEY };
  let res = await post('{"sessionId":', h);
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res).code, 'GOSIGHT_INVALID_JSON');
  res = await post(JSON.stringify({ sessionId: 'x', seq: 0, events: [{ type: 3, timestamp: 1, data: {} }] }), h);
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res).code, 'GOSIGHT_INVALID_BATCH');
  assert.match(errorCode(res).message, /sessionId must be a UUID.*events\[0\]\.data\.source/);
  res = await post(Buffer.from('definitely not gzip'), { ...h, 'content-encoding': 'gzip' });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res).code, 'GOSIGHT_DECOMPRESSION_FAILED');
  res = await post(JSON.stringify(batch(3)), { ...h, 'content-encoding': 'br' });
  assert.equal(res.statusCode, 415);
  assert.equal(errorCode(res).code, 'GOSIGHT_UNSUPPORTED_ENCODING');
  res = await post(JSON.stringify(batch(3)), { ...h, 'content-type': 'application/xml' });
  assert.equal(res.statusCode, 415);
  res = await post('', h);
  assert.equal(res.statusCode, 400);
});

test('size caps: a gzip bomb and an oversized body get 413', async () => {
  const h = { 'x-gosight-key': KEY };
  const bombJson = JSON.stringify({ ...batch(4), padding: 'x'.repeat(2_000_000) });
  let res = await post(gzipSync(bombJson), { ...h, 'content-encoding': 'gzip' });
  assert.equal(res.statusCode, 413);
  assert.equal(errorCode(res).code, 'GOSIGHT_PAYLOAD_TOO_LARGE');
  res = await post(Buffer.alloc(100 * 1024, 0x20), h);
  assert.equal(res.statusCode, 413);
  assert.equal(errorCode(res).code, 'GOSIGHT_PAYLOAD_TOO_LARGE');
});

test('CORS preflight allows any origin to send with our headers', async () => {
  const res = await app.inject({
    method: 'OPTIONS', url: '/v1/replay',
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,content-encoding,x-gosight-key' },
  });
  assert.equal(res.statusCode, 204);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  assert.match(String(res.headers['access-control-allow-headers']), /X-GoSight-Key/i);
  const post = await app.inject({ method: 'POST', url: '/v1/replay', payload: 'x', headers: { origin: 'https://shop.example', 'content-type': 'application/json' } });
  assert.match(String(post.headers['access-control-expose-headers']), /Retry-After/i, 'the SDK can read Retry-After');
});

test('when the queue cannot take the batch the answer is 503, never a false ack', async () => {
  const closedQueue = await FileQueue.open({ dir: tempDir('ingest-q2'), segmentBytes: 1 << 20, logger: silentLogger() });
  await closedQueue.close();
  const app2 = Fastify();
  app2.setErrorHandler(errorHandler);
  await app2.register((scope) => ingestRoutes(scope, {
    queue: closedQueue, projects: new StaticProjectKeys([[KEY, 'p']]), privacy: ingestPrivacyPolicy([]),
    limits: { maxBodyBytes: 65536, maxDecompressedBytes: 65536, maxEventsPerBatch: 10, maxClockSkewMs: 3_600_000 },
  }));
  const res = await app2.inject({ method: 'POST', url: '/v1/replay', payload: JSON.stringify(batch(5)), headers: { 'content-type': 'application/json', 'x-gosight-key': KEY } });
  assert.equal(res.statusCode, 503);
  assert.equal(errorCode(res).code, 'GOSIGHT_QUEUE_UNAVAILABLE');
  assert.equal(res.headers['retry-after'], '2', 'tells the SDK when to retry');
  await app2.close();
});

test('well-formed but hostile batches are refused with a 400 that names the event and field', async () => {
  const h = { 'x-gosight-key': KEY };
  // Written as text: JSON.stringify itself overflows the stack at this depth.
  const deep = `{"type":3,"timestamp":${T0},"data":{"source":0,"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;
  let res = await post(`{"sessionId":"${sessionId}","seq":9,"events":[${JSON.stringify(batch(0).events[0])},${deep}]}`, h);
  assert.equal(res.statusCode, 400);
  assert.match(errorCode(res).message, /events\[1\] nests arrays and objects deeper than 1000 levels/);
  res = await post(JSON.stringify({ sessionId, seq: 9, events: [{ type: 4, timestamp: T0, data: { href: 'https://a.test/', width: 1024.5, height: -1 } }] }), h);
  assert.equal(res.statusCode, 400);
  assert.match(errorCode(res).message, /events\[0\]\.data\.width must be an integer.*events\[0\]\.data\.height must be an integer/);
  res = await post(JSON.stringify({ sessionId, seq: 9, events: [{ type: 3, timestamp: 1e21, data: { source: 1 } }] }), h);
  assert.match(errorCode(res).message, /events\[0\]\.timestamp must be a positive integer/);
  res = await post(JSON.stringify({ sessionId, seq: 9, events: [{ type: 3, timestamp: Date.now() - 100 * 86_400_000, data: { source: 1 } }] }), h);
  assert.equal(res.statusCode, 400);
  assert.match(errorCode(res).message, /older than the store's 90-day retention/);
  res = await post(JSON.stringify({ sessionId, seq: 9, events: [{ type: 3, timestamp: Date.now() + 2 * 3_600_000, data: { source: 1 } }] }), h);
  assert.equal(res.statusCode, 400);
  assert.match(errorCode(res).message, /ahead of the server's clock \(at most 1\.0 h/);
});

test('CORS answers on the ingest path only', async () => {
  const preflight = (url: string) => app.inject({ method: 'OPTIONS', url, headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
  assert.equal((await preflight('/v1/replay')).headers['access-control-allow-origin'], '*');
  for (const url of ['/api/sessions', '/', '/anything']) {
    const res = await preflight(url);
    assert.equal(res.headers['access-control-allow-origin'], undefined, `no CORS on ${url}`);
    assert.equal(res.statusCode, 404);
  }
});

test('the second line: free text with secrets is scrubbed before the queue; a clean batch is queued byte for byte', async () => {
  const leaky = {
    sessionId, seq: 40,
    events: [
      { type: 4, timestamp: T0 + 40, data: { href: 'https://a.test/cb?access_token=T1&memberNo=M7&x=1', width: 800, height: 600 } },
      { type: 6, timestamp: T0 + 41, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [JSON.stringify('Login failed for bob, token=T2')], trace: [] } } },
      { type: 5, timestamp: T0 + 42, data: { tag: 'checkout', payload: { api_key: 'T3', note: 'password: T4x' } } },
      { type: 6, timestamp: T0 + 43, data: { plugin: 'rrweb/network@1', payload: { requests: [{ bad: true }] } } },
      { type: 3, timestamp: T0 + 44, data: { source: 0, adds: [], removes: [], texts: [{ id: 1, value: 'token=in-the-dom' }], attributes: [] } },
    ],
  };
  const res = await post(gzipSync(JSON.stringify(leaky)), { 'x-gosight-key': KEY, 'content-encoding': 'gzip' });
  assert.equal(res.statusCode, 200, res.body);
  const clean = JSON.stringify(batch(41));
  assert.equal((await post(clean, { 'x-gosight-key': KEY })).statusCode, 200);
  const messages = await collect(queue, 'ingest-test-scrub', 100);
  const [scrubbed, untouched] = messages.slice(-2).map((m) => decodeEnvelope(m.value));
  assert.equal(scrubbed.header.encoding, 'gzip');
  const text = gunzipSync(scrubbed.body).toString('utf8');
  for (const secret of ['T1', 'M7', 'T2', 'T3', 'T4x']) assert.equal(text.includes(secret), false, `${secret} reached the queue`);
  const events = (JSON.parse(text) as { events: { data: Record<string, unknown> }[] }).events;
  assert.equal(events.length, 5, 'no event is dropped: an entry with nothing to keep stays, empty');
  assert.equal(events[0].data.href, 'https://a.test/cb?access_token=REDACTED&memberNo=REDACTED&x=1');
  assert.deepEqual(events[3].data, { plugin: 'rrweb/network@1', payload: { requests: [] } });
  assert.ok(text.includes('token=in-the-dom'), 'the DOM is the SDK\'s to mask: never rewritten here');
  assert.equal(untouched.body.toString('utf8'), clean, 'a clean batch is queued as sent');
});

test('a batch with more free text than any SDK sends is refused before it is scrubbed', async () => {
  const line = JSON.stringify('x'.repeat(10_000));
  const events = Array.from({ length: 100 }, (_, i) => ({ type: 6, timestamp: T0 + i, data: { plugin: 'rrweb/console@1', payload: { level: 'log', payload: [line, line], trace: [] } } }));
  const roomy = Fastify();
  roomy.setErrorHandler(errorHandler);
  await roomy.register((scope) => ingestRoutes(scope, {
    queue, projects: new StaticProjectKeys([[KEY, 'p']]), privacy: ingestPrivacyPolicy([]),
    limits: { maxBodyBytes: 1 << 20, maxDecompressedBytes: 16 << 20, maxEventsPerBatch: 1000, maxClockSkewMs: 3_600_000 },
  }));
  const res = await roomy.inject({ method: 'POST', url: '/v1/replay', payload: gzipSync(JSON.stringify({ sessionId, seq: 50, events })),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-gosight-key': KEY } });
  await roomy.close();
  assert.equal(res.statusCode, 400);
  assert.match(errorCode(res).message, /console and network entries and custom events hold \d+ characters of JSON; at most 1048576/);
});

test('a project with allowed origins takes batches from those pages only; limits per address and per key answer 429 with Retry-After', async () => {
  const q = await FileQueue.open({ dir: tempDir('ingest-q-limits'), segmentBytes: 1 << 20, logger: silentLogger() });
  const limited = Fastify();
  limited.setErrorHandler(errorHandler);
  await limited.register((scope) => ingestRoutes(scope, {
    queue: q,
    projects: new StaticProjectKeys([['gs_shop_key', 'shop', ['https://shop.example']], ['gs_blog_key', 'blog']]),
    privacy: ingestPrivacyPolicy([]),
    limits: { maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024, maxEventsPerBatch: 100, maxClockSkewMs: 3_600_000 },
    rateLimits: { perKey: { max: 4, windowMs: 60_000 }, perAddress: { max: 5, windowMs: 60_000 } },
  }));
  const send = (key: string, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') => limited.inject({
    method: 'POST', url: '/v1/replay', remoteAddress, payload: JSON.stringify(batch(0)), headers: { 'content-type': 'application/json', 'x-gosight-key': key, ...headers },
  });
  assert.equal((await send('gs_shop_key', { origin: 'https://shop.example' })).statusCode, 200);
  const foreign = await send('gs_shop_key', { origin: 'https://evil.example' });
  assert.equal(foreign.statusCode, 403);
  assert.equal(errorCode(foreign).code, 'GOSIGHT_ORIGIN_NOT_ALLOWED');
  assert.equal((await send('gs_blog_key', { origin: 'https://anywhere.example' })).statusCode, 200, 'no origins listed: any');

  // Key shop has sent 2 of its 4; two more pass, the fifth is over the key's limit, from any address.
  assert.equal((await send('gs_shop_key', {}, '10.0.0.2')).statusCode, 200);
  assert.equal((await send('gs_shop_key', {}, '10.0.0.3')).statusCode, 200);
  const overKey = await send('gs_shop_key', {}, '10.0.0.4');
  assert.equal(overKey.statusCode, 429);
  assert.ok(Number(overKey.headers['retry-after']) > 0);
  // Address 10.0.0.1 has sent 3 of its 5: two more pass (blog's key has room), the next is over the address's limit.
  assert.equal((await send('gs_blog_key')).statusCode, 200);
  assert.equal((await send('gs_blog_key')).statusCode, 200);
  const overAddress = await send('gs_blog_key');
  assert.equal(overAddress.statusCode, 429);
  assert.equal(errorCode(overAddress).code, 'GOSIGHT_RATE_LIMITED');
  assert.equal((await send('gs_blog_key', {}, '10.0.0.9')).statusCode, 200, 'another address is not limited');
  await limited.close();
  await q.close();
});
