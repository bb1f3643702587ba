import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from './formatTime.js';

test('formats whole and partial seconds as m:ss, rounding down', () => {
  assert.equal(formatTime(0), '0:00');
  assert.equal(formatTime(999), '0:00');
  assert.equal(formatTime(1_000), '0:01');
  assert.equal(formatTime(59_999), '0:59');
  assert.equal(formatTime(60_000), '1:00');
  assert.equal(formatTime(61_500), '1:01');
  assert.equal(formatTime(10 * 60_000 + 5_000), '10:05');
});

test('keeps counting minutes past an hour', () => {
  assert.equal(formatTime(75 * 60_000), '75:00');
});

test('reads 0:00 for negative and non-finite input', () => {
  assert.equal(formatTime(-5_000), '0:00');
  assert.equal(formatTime(Number.NaN), '0:00');
  assert.equal(formatTime(Number.POSITIVE_INFINITY), '0:00');
});
