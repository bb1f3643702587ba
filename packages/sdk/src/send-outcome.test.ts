/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeForStatus } from './send-outcome.js';

test('2xx is delivered', () => {
  for (const status of [200, 202, 204]) assert.equal(outcomeForStatus(status), 'ok');
});

test('429 and 5xx are kept for the next flush', () => {
  for (const status of [429, 500, 502, 503]) assert.equal(outcomeForStatus(status), 'retry');
});

test('other 4xx drop the batch', () => {
  for (const status of [400, 401, 403, 404, 413, 415]) assert.equal(outcomeForStatus(status), 'drop');
});
