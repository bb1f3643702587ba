import assert from 'node:assert/strict';
import { test } from 'node:test';
import { urlPath } from './urlPath.js';

test('drops the origin and keeps path, query and hash', () => {
  assert.equal(urlPath('http://127.0.0.1:3000/demo'), '/demo');
  assert.equal(urlPath('https://shop.example.com/cart?step=2#pay'), '/cart?step=2#pay');
  assert.equal(urlPath('https://example.com'), '/');
});

test('returns text that is not an absolute URL unchanged', () => {
  assert.equal(urlPath(''), '');
  assert.equal(urlPath('/already/a/path'), '/already/a/path');
});
