import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListQuery } from './parse-list-query.js';

test('defaults, filters and sort from query strings', () => {
  assert.deepEqual(parseListQuery({}), { limit: 25, offset: 0 });
  assert.deepEqual(parseListQuery({
    limit: '10', offset: '20', url: 'checkout', from: '1000', to: '2000', minDurationMs: '5000', maxDurationMs: '60000',
    hasErrors: 'true', hasRageClicks: '1', sort: 'longest',
  }), {
    limit: 10, offset: 20, url: 'checkout', from: 1000, to: 2000, minDurationMs: 5000, maxDurationMs: 60000,
    hasErrors: true, hasRageClicks: true, sort: 'longest',
  });
  assert.deepEqual(parseListQuery({ hasErrors: 'false' }), { limit: 25, offset: 0 });
});

test('bad values are refused with a message naming the parameter', () => {
  assert.throws(() => parseListQuery({ limit: '0' }), /limit must be an integer from 1 to 200/);
  assert.throws(() => parseListQuery({ limit: '500' }), /limit/);
  assert.throws(() => parseListQuery({ sort: 'random' }), /sort must be one of newest, oldest/);
  assert.throws(() => parseListQuery({ hasErrors: 'maybe' }), /hasErrors must be true or false/);
  assert.throws(() => parseListQuery({ from: 'yesterday' }), /from must be an integer/);
});
