/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUserActivity } from './activity.js';

const inc = (source: number) => ({ type: 3, data: { source }, timestamp: 1 });

test('input, pointer, scroll, touch and page views are activity', () => {
  for (const source of [1, 2, 3, 4, 5, 6, 7, 12]) assert.equal(isUserActivity(inc(source)), true, `source ${source}`);
  assert.equal(isUserActivity({ type: 4, data: {}, timestamp: 1 }), true);
  assert.equal(isUserActivity({ type: 5, data: { tag: 'x' }, timestamp: 1 }), true);
});

test('mutations, styles, fonts, snapshots and plugins are not', () => {
  for (const source of [0, 8, 9, 10, 13]) assert.equal(isUserActivity(inc(source)), false, `source ${source}`);
  assert.equal(isUserActivity({ type: 2, data: {}, timestamp: 1 }), false);
  assert.equal(isUserActivity({ type: 6, data: {}, timestamp: 1 }), false);
});
