/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrivacyPolicy } from './privacy-policy.js';
import { sanitizeNetworkPayload } from './sanitize-network.js';

const request = {
  name: 'https://api.example/v1/orders?api_key=k&page=2',
  method: 'POST',
  status: 201,
  initiatorType: 'fetch',
  entryType: 'resource',
  startTime: 10,
  endTime: 30,
  duration: 20,
  transferSize: 900,
  requestHeaders: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
  responseHeaders: { 'set-cookie': 's=1', 'x-request-id': 'r1' },
  requestBody: '{"password":"p","qty":1}',
  responseBody: '{"access_token":"a","id":7}',
  somethingNew: 'from a future plugin version',
};

test('keeps timing, method, status, sizes; redacts URL and headers; drops bodies by default', () => {
  const policy = createPrivacyPolicy({ redactKeys: [], denyHeaders: [], recordHeaders: true, recordBody: false, maxBodyChars: 10_000, consoleMaxArgChars: 2_000 });
  const out = sanitizeNetworkPayload({ requests: [request] }, policy.network);
  assert.deepEqual(out, {
    requests: [{
      name: 'https://api.example/v1/orders?api_key=REDACTED&page=2',
      method: 'POST', status: 201, initiatorType: 'fetch', entryType: 'resource', startTime: 10, endTime: 30, duration: 20, transferSize: 900,
      requestHeaders: { Authorization: '[REDACTED]', 'Content-Type': 'application/json' },
      responseHeaders: { 'set-cookie': '[REDACTED]', 'x-request-id': 'r1' },
    }],
  });
});

test('with bodies on, they are redacted by key; with headers off, none are kept', () => {
  const policy = createPrivacyPolicy({ redactKeys: [], denyHeaders: [], recordHeaders: false, recordBody: true, maxBodyChars: 10_000, consoleMaxArgChars: 2_000 });
  const [out] = sanitizeNetworkPayload({ requests: [request] }, policy.network)!.requests;
  assert.equal(out.requestBody, '{"password":"[REDACTED]","qty":1}');
  assert.equal(out.responseBody, '{"access_token":"[REDACTED]","id":7}');
  assert.equal(out.requestHeaders, undefined);
  assert.equal(out.responseHeaders, undefined);
});

test('malformed payloads and entries are dropped', () => {
  const policy = createPrivacyPolicy({ redactKeys: [], denyHeaders: [], recordHeaders: true, recordBody: false, maxBodyChars: 10_000, consoleMaxArgChars: 2_000 });
  assert.equal(sanitizeNetworkPayload(null, policy.network), null);
  assert.equal(sanitizeNetworkPayload({ requests: 'x' }, policy.network), null);
  assert.deepEqual(sanitizeNetworkPayload({ requests: [null, { name: 5 }], isInitial: true }, policy.network), { requests: [], isInitial: true });
});
