import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMaxConnections } from './http-limits.js';

test('the default connection cap leaves descriptors for the queue and the store', () => {
  const limits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 4096                 files\n`;
  assert.equal(defaultMaxConnections(limits('1024')), 768);
  assert.equal(defaultMaxConnections(limits('200')), 64);
  assert.equal(defaultMaxConnections(limits('unlimited')), 65_536);
  assert.equal(defaultMaxConnections('nothing useful'), 1_024);
});
