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

test('search filters: visited repeats in order; a bad search value is a 400 naming it', () => {
  assert.deepEqual(parseListQuery({ visited: ['/cart', '/checkout'], clickSelector: 'form > button', requestStatus: '5xx', device: 'mobile' }), {
    limit: 25, offset: 0, visited: ['/cart', '/checkout'], click: { selector: 'form > button' }, request: { status: { min: 500, max: 599 } }, device: 'mobile',
  });
  const bad: [Record<string, string | string[]>, string][] = [[{ clickSelector: 'a[href]' }, 'clickSelector'], [{ requestStatus: 'bad' }, 'requestStatus'],
    [{ device: 'watch' }, 'device'], [{ error: ['a', 'b'] }, 'error'], [{ maxViewportWidth: '-1' }, 'maxViewportWidth']];
  for (const [q, name] of bad) {
    assert.throws(() => parseListQuery(q), (e: Error & { statusCode?: number }) => e.message.startsWith(`${name}:`) && e.statusCode === 400, name);
  }
});
