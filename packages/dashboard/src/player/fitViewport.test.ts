import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitViewport } from './fitViewport.js';

test('keeps scale 1 and the exact size when the container is wide enough', () => {
  assert.deepEqual(fitViewport({ width: 1280, height: 720 }, 1280), { scale: 1, width: 1280, height: 720 });
  assert.deepEqual(fitViewport({ width: 375, height: 812 }, 1600), { scale: 1, width: 375, height: 812 });
});

test('scales down proportionally when the container is narrower', () => {
  assert.deepEqual(fitViewport({ width: 1280, height: 720 }, 640), { scale: 0.5, width: 640, height: 360 });
  const fitted = fitViewport({ width: 1000, height: 500 }, 750);
  assert.equal(fitted.scale, 0.75);
  assert.equal(fitted.width, 750);
  assert.equal(fitted.height, 375);
});

test('does not scale while the container or the recording has no width yet', () => {
  assert.equal(fitViewport({ width: 1280, height: 720 }, 0).scale, 1);
  assert.equal(fitViewport({ width: 0, height: 0 }, 800).scale, 1);
});
