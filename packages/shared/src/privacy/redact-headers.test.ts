/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHeaderDenylist, redactHeaders } from './redact-headers.js';
import { createKeyMatcher } from './sensitive-key.js';

test('the default denylist covers credentials and API keys in any case', () => {
  const denied = createHeaderDenylist(createKeyMatcher());
  for (const name of ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'api-key', 'X-Auth-Token', 'X-CSRF-Token', 'X-GoSight-Key', 'X-Session-Id']) {
    assert.equal(denied(name), true, name);
  }
  for (const name of ['Content-Type', 'Accept', 'X-Request-Id', 'Cache-Control', 'Keep-Alive', 'Content-Length']) {
    assert.equal(denied(name), false, name);
  }
});

test('extra names from the options are denied too', () => {
  const denied = createHeaderDenylist(createKeyMatcher(), ['X-Tenant']);
  assert.equal(denied('x-tenant'), true);
});

test('redactHeaders replaces denied values and drops non-strings', () => {
  const denied = createHeaderDenylist(createKeyMatcher());
  assert.deepEqual(
    redactHeaders({ authorization: 'Bearer abc', 'content-type': 'application/json', weird: 42 }, denied),
    { authorization: '[REDACTED]', 'content-type': 'application/json' },
  );
  assert.equal(redactHeaders(undefined, denied), undefined);
});
