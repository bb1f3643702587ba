/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeForStatus, parseRetryAfter } from './send-outcome.js';

test('2xx is delivered', () => {
  for (const status of [200, 202, 204]) assert.equal(outcomeForStatus(status), 'ok');
});

test('429 and 5xx are retried', () => {
  for (const status of [429, 500, 502, 503]) assert.equal(outcomeForStatus(status), 'retry');
});

test('other 4xx drop the batch', () => {
  for (const status of [400, 401, 403, 404, 413, 415]) assert.equal(outcomeForStatus(status), 'drop');
});

test('Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(parseRetryAfter('-5', now), undefined);
});
