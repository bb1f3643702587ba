import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleRows } from './visibleRows.js';

test('renders the rows in view plus overscan, padding for the rest', () => {
  assert.deepEqual(visibleRows(0, 100, 20, 1_000, 2), { start: 0, end: 8, padTopPx: 0, padBottomPx: 992 * 20 });
  assert.deepEqual(visibleRows(2_000, 100, 20, 1_000, 2), { start: 98, end: 108, padTopPx: 1_960, padBottomPx: 892 * 20 });
});

test('clamps at the end of the list and handles empty lists', () => {
  assert.deepEqual(visibleRows(1_000_000, 100, 20, 10, 2), { start: 7, end: 10, padTopPx: 140, padBottomPx: 0 });
  assert.deepEqual(visibleRows(0, 100, 20, 0, 2), { start: 0, end: 0, padTopPx: 0, padBottomPx: 0 });
  assert.deepEqual(visibleRows(0, 100, 20, 3, 2), { start: 0, end: 3, padTopPx: 0, padBottomPx: 0 });
});
