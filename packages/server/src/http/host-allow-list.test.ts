import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedHostMatcher, hostName } from './host-allow-list.js';

test('host names lose their port and IPv6 brackets, and compare case-insensitively', () => {
  assert.equal(hostName('Example.COM:3000'), 'example.com');
  assert.equal(hostName('[::1]:3000'), '::1');
  assert.equal(hostName('[::1]'), '::1');
  assert.equal(hostName('::1'), '::1');
  assert.equal(hostName('127.0.0.1'), '127.0.0.1');
});

test('the default list allows loopback names only; the listen address joins it', () => {
  const allowed = allowedHostMatcher('localhost,127.0.0.1,[::1]', '127.0.0.1');
  for (const h of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST']) assert.ok(allowed(h), h);
  for (const h of ['evil.example', 'evil.example:3000', '127.0.0.2', 'localhost.evil.example', undefined, '']) assert.ok(!allowed(h), String(h));
  assert.ok(allowedHostMatcher('localhost', '10.0.0.5')('10.0.0.5:3000'), 'a specific --host address is allowed');
  assert.ok(!allowedHostMatcher('localhost', '0.0.0.0')('0.0.0.0:3000'), 'a wildcard address is not a name');
});

test('subdomain wildcards and the any-host wildcard', () => {
  const allowed = allowedHostMatcher('replay.example.com,*.internal.example', '0.0.0.0');
  assert.ok(allowed('replay.example.com'));
  assert.ok(allowed('a.internal.example:8080'));
  assert.ok(allowed('b.a.internal.example'));
  assert.ok(!allowed('internal.example'), 'the wildcard covers subdomains, not the apex');
  assert.ok(!allowed('evilinternal.example'));
  assert.ok(allowedHostMatcher('*', '127.0.0.1')('anything.example'));
});
