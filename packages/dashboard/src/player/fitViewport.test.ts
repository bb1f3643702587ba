import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitViewport } from './fitViewport.js';

test('keeps scale 1 when the recording fits', () => {
  assert.deepEqual(fitViewport({ width: 1024, height: 700 }, { width: 1200, height: 800 }), { scale: 1, width: 1024, height: 700 });
});

test('scales a wide recording down to the width', () => {
  assert.deepEqual(fitViewport({ width: 1600, height: 900 }, { width: 800, height: 1000 }), { scale: 0.5, width: 800, height: 450 });
});

test('scales a phone recording down to the height', () => {
  assert.deepEqual(fitViewport({ width: 390, height: 844 }, { width: 1000, height: 422 }), { scale: 0.5, width: 195, height: 422 });
});

test('never scales up, and ignores dimensions not measured yet', () => {
  assert.equal(fitViewport({ width: 320, height: 480 }, { width: 2000, height: 2000 }).scale, 1);
  assert.equal(fitViewport({ width: 1600, height: 900 }, { width: 0, height: 0 }).scale, 1);
  assert.equal(fitViewport({ width: 1600, height: 900 }, { width: 800, height: 0 }).scale, 0.5);
});
