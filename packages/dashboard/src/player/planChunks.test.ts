import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planChunks } from './planChunks.js';

test('preloads the next chunks and keeps one behind', () => {
  assert.deepEqual(planChunks([0, 1, 2, 3, 4, 5], 2, 2, 1), { preload: [3, 4], keep: [1, 2, 3, 4] });
});

test('stops at either end of the session', () => {
  assert.deepEqual(planChunks([0, 1, 2], 0, 2, 1), { preload: [1, 2], keep: [0, 1, 2] });
  assert.deepEqual(planChunks([0, 1, 2], 2, 2, 1), { preload: [], keep: [1, 2] });
});

test('follows positions, not index arithmetic, when indices have gaps', () => {
  assert.deepEqual(planChunks([0, 3, 7, 9], 3, 2, 1), { preload: [7, 9], keep: [0, 3, 7, 9] });
});

test('plans nothing for an index the manifest does not list', () => {
  assert.deepEqual(planChunks([0, 1], 5, 2, 1), { preload: [], keep: [] });
});
