import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger, tempDir } from '../../testing/test-support.js';
import { GoSightMetrics } from '../ops/metrics.js';
import { buildApp, trustedProxyMatcher } from './build-app.js';

const limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, idleTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: undefined, maxConnectionsPerAddress: undefined };

async function app(trustProxy: string | undefined) {
  const dir = tempDir('assets');
  for (const sub of ['dashboard', 'demo', 'sdk']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'dashboard', 'index.html'), '<html><script>boot()</script></html>');
  return buildApp({
    logger: silentLogger(),
    http: { allowedHosts: 'localhost,127.0.0.1,replay.example.test', listenHost: '127.0.0.1', trustProxy, limits },
    health: {},
    metrics: new GoSightMetrics({}),
    assets: { paths: { dashboardDir: join(dir, 'dashboard'), demoDir: join(dir, 'demo'), sdkFile: join(dir, 'sdk', 'gosight.js') }, demoConfig: { projectKey: 'k' } },
  });
}

test('X-Forwarded-* is ignored unless a proxy is trusted; then the forwarded host must be allowed too', async () => {
  const plain = await app(undefined);
  const spoofed = await plain.inject({ url: '/demo/config.js', headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' } });
  assert.equal(spoofed.statusCode, 200);
  assert.match(spoofed.body, /"endpoint":"http:\/\/127\.0\.0\.1:3000"/);
  await plain.close();

  const proxied = await app('true');
  const forwarded = await proxied.inject({ url: '/demo/config.js', headers: { host: 'gosight:3000', 'x-forwarded-host': 'replay.example.test', 'x-forwarded-proto': 'https' } });
  assert.match(forwarded.body, /"endpoint":"https:\/\/replay\.example\.test"/);
  const refused = await proxied.inject({ url: '/demo/config.js', headers: { host: '127.0.0.1', 'x-forwarded-host': 'evil.test' } });
  assert.equal(refused.statusCode, 403);
  await proxied.close();
});

test('the dashboard page carries a CSP that allows its own inline boot script by hash, and nothing else inline', async () => {
  const a = await app(undefined);
  const res = await a.inject({ url: '/sessions/abc', headers: { host: 'localhost:3000' } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-security-policy']), /script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';/);
  assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-eval|script-src[^;]*unsafe-inline/);
  await a.close();
});

test('trusted proxies: none by default, all with true or a hop count, else the listed addresses and ranges', () => {
  assert.equal(trustedProxyMatcher(undefined)('10.0.0.1'), false);
  assert.equal(trustedProxyMatcher('true')('10.0.0.1'), true);
  assert.equal(trustedProxyMatcher('1')('10.0.0.1'), true);
  const listed = trustedProxyMatcher('10.0.0.0/8,192.168.1.5');
  assert.equal(listed('10.1.2.3'), true);
  assert.equal(listed('192.168.1.5'), true);
  assert.equal(listed('192.168.1.6'), false);
});
