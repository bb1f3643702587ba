/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelayMs } from './backoff.js';

test('doubles from 1 s up to 60 s, with half of each delay random', () => {
  const low = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n, undefined, () => 0));
  const high = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n, undefined, () => 1));
  assert.deepEqual(high, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  assert.deepEqual(low, high.map((d) => d / 2));
  const mid = retryDelayMs(3, undefined, () => 0.5);
  assert.equal(mid, 3000);
});

test('Retry-After wins, capped at 10 minutes', () => {
  assert.equal(retryDelayMs(1, 7000, () => 0), 7000);
  assert.equal(retryDelayMs(9, 0, () => 1), 0);
  assert.equal(retryDelayMs(1, 3_600_000, () => 0), 600_000);
});

test('a broken random source still gives a bounded delay', () => {
  assert.equal(retryDelayMs(1, undefined, () => Number.NaN), 1000);
  assert.equal(retryDelayMs(0, undefined, () => 1), 1000);
});
