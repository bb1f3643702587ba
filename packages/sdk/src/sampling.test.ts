/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawSampled } from './sampling.js';

test('rate 1 always, rate 0 never, without drawing', () => {
  const never = () => {
    throw new Error('must not draw');
  };
  assert.equal(drawSampled(1, never), true);
  assert.equal(drawSampled(0, never), false);
  assert.equal(drawSampled(Number.NaN, never), false);
});

test('a fractional rate compares one draw', () => {
  assert.equal(drawSampled(0.25, () => 0.2), true);
  assert.equal(drawSampled(0.25, () => 0.25), false);
  let draws = 0;
  let kept = 0;
  let seed = 42;
  const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (; draws < 10_000; draws++) if (drawSampled(0.3, lcg)) kept++;
  assert.ok(Math.abs(kept / draws - 0.3) < 0.02, `${kept / draws}`);
});
