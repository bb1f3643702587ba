import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { test } from 'node:test';
import { safeFetch } from './safe-fetch.js';

async function withServer(handler: (path: string, headers: IncomingHttpHeaders) => { status?: number; headers?: Record<string, string>; body?: Buffer | string }, run: (url: string) => Promise<void>) {
  const server = createServer((req, res) => {
    const answer = handler(req.url ?? '/', req.headers);
    res.writeHead(answer.status ?? 200, answer.headers ?? { 'Content-Type': 'image/png' }).end(answer.body ?? 'png-bytes');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const options = { allowPrivateHosts: true, maxBytes: 1024, timeoutMs: 5_000 };

test('refuses loopback and private addresses unless allowed, and never sends cookies or credentials', async () => {
  const seen: IncomingHttpHeaders[] = [];
  await withServer((_path, headers) => (seen.push(headers), {}), async (url) => {
    const refused = await safeFetch(`${url}/a.png`, { ...options, allowPrivateHosts: false });
    assert.equal(refused.ok, false);
    assert.match((refused as { reason: string }).reason, /not allowed|private|127\.0\.0\.1/i);
    assert.equal(seen.length, 0, 'no request reached the private host');
    const fetched = await safeFetch(`${url}/a.png`, options);
    assert.deepEqual(fetched, { ok: true, bytes: Buffer.from('png-bytes'), type: 'image/png' });
    assert.equal(seen[0].cookie, undefined);
    assert.equal(seen[0].authorization, undefined);
    assert.match(String(seen[0]['user-agent']), /^GoSight-AssetCapture/);
    const withCredentials = await safeFetch(url.replace('http://', 'http://user:pw@') + '/a.png', options);
    assert.equal(withCredentials.ok, false, 'URLs with credentials are not fetched');
  });
  assert.equal((await safeFetch('http://169.254.169.254/latest/meta-data', options)).ok, false, 'cloud metadata, even with private hosts allowed');
  assert.equal((await safeFetch('file:///etc/passwd', options)).ok, false);
});

test('follows a few redirects, and caps the size of what it reads', async () => {
  type Answer = { status?: number; headers?: Record<string, string>; body?: Buffer | string };
  await withServer((path): Answer => {
    if (path.startsWith('/hop')) return { status: 302, headers: { Location: `/hop${Number(path.slice(4) || 0) + 1}` } };
    if (path === '/big') return { body: Buffer.alloc(4096, 1), headers: { 'Content-Type': 'image/png' } };
    if (path === '/moved') return { status: 301, headers: { Location: '/a.png' } };
    if (path === '/missing') return { status: 404 };
    return {};
  }, async (url) => {
    assert.equal((await safeFetch(`${url}/moved`, options)).ok, true);
    assert.match((await safeFetch(`${url}/hop0`, options) as { reason: string }).reason, /redirects/);
    assert.match((await safeFetch(`${url}/big`, options) as { reason: string }).reason, /larger than 1024/);
    assert.match((await safeFetch(`${url}/missing`, options) as { reason: string }).reason, /404/);
  });
});
