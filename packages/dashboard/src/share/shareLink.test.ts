import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStartOffset, shareLink } from './shareLink.js';

test('builds a link at a whole-millisecond offset', () => {
  assert.equal(shareLink('http://127.0.0.1:3000', 'a b', 12_345.8), 'http://127.0.0.1:3000/sessions/a%20b?t=12345');
  assert.equal(shareLink('https://x', 's', -5), 'https://x/sessions/s?t=0');
  assert.equal(shareLink('https://x', 's', 7, 'shop'), 'https://x/sessions/s?t=7&project=shop', 'the project opens with it');
});

test('reads the offset back, ignoring anything that is not one', () => {
  assert.equal(parseStartOffset('?t=12345'), 12_345);
  assert.equal(parseStartOffset('?x=1&t=0'), 0);
  assert.equal(parseStartOffset(''), null);
  assert.equal(parseStartOffset('?t='), null);
  assert.equal(parseStartOffset('?t=abc'), null);
  assert.equal(parseStartOffset('?t=-4'), null);
});
