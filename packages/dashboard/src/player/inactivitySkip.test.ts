import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideSkip, DEFAULT_SKIP_POLICY, rangeAt, toOffsetRanges } from './inactivitySkip.js';

const START = 1_700_000_000_000;
const ranges = toOffsetRanges(
  [
    { start: START + 60_000, end: START + 120_000 }, // a minute idle
    { start: START + 10_000, end: START + 16_000 }, // six seconds idle, listed out of order
    { start: START + 30_000, end: START + 33_000 }, // under the 5 s threshold: not inactivity
  ],
  START,
);

test('converts epoch ranges to sorted offsets and drops ranges under the threshold', () => {
  assert.deepEqual(ranges, [
    { startMs: 10_000, endMs: 16_000 },
    { startMs: 60_000, endMs: 120_000 },
  ]);
});

test('finds the range holding an offset, start inclusive and end exclusive', () => {
  assert.equal(rangeAt(ranges, 9_999), undefined);
  assert.deepEqual(rangeAt(ranges, 10_000), ranges[0]);
  assert.deepEqual(rangeAt(ranges, 15_999), ranges[0]);
  assert.equal(rangeAt(ranges, 16_000), undefined);
  assert.deepEqual(rangeAt(ranges, 90_000), ranges[1]);
  assert.equal(rangeAt([], 5), undefined);
});

test('plays normally outside inactivity', () => {
  assert.deepEqual(decideSkip(ranges, 5_000, 1), { kind: 'none' });
  assert.deepEqual(decideSkip(ranges, 40_000, 1), { kind: 'none' });
});

test('fast-forwards a short idle stretch at 8x up to its end', () => {
  assert.deepEqual(decideSkip(ranges, 10_000, 1), { kind: 'fastForward', speed: 8, untilMs: 16_000 });
  assert.deepEqual(decideSkip(ranges, 10_000, 2), { kind: 'fastForward', speed: 8, untilMs: 16_000 });
});

test('jumps over a long idle stretch, leaving its last 8 s to fast-forward', () => {
  assert.deepEqual(decideSkip(ranges, 60_000, 1), { kind: 'jump', toMs: 112_000 });
  assert.deepEqual(decideSkip(ranges, 112_000, 1), { kind: 'fastForward', speed: 8, untilMs: 120_000 });
  // Already at 8x: fast-forwarding gains nothing, but the long jump still does.
  assert.deepEqual(decideSkip(ranges, 60_000, 8), { kind: 'jump', toMs: 112_000 });
  assert.deepEqual(decideSkip(ranges, 112_000, 8), { kind: 'none' });
});

test('leaves the last 2 s of a range alone: such a skip saves too little', () => {
  assert.deepEqual(decideSkip(ranges, 14_001, 1), { kind: 'none' });
  assert.deepEqual(decideSkip(ranges, 14_000, 1), { kind: 'fastForward', speed: 8, untilMs: 16_000 });
});

test('the policy is tunable', () => {
  const policy = { ...DEFAULT_SKIP_POLICY, maxSpeed: 4, fastForwardWallMs: 500 };
  assert.deepEqual(decideSkip(ranges, 10_000, 1, policy), { kind: 'jump', toMs: 14_000 });
});
