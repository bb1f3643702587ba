/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryStore, createSafeStore, type KeyValueStore } from './storage.js';

test('passes reads and writes through to a working store', () => {
  const real = createMemoryStore();
  real.setItem('a', 'from previous page');
  const safe = createSafeStore(() => real);
  assert.equal(safe.getItem('a'), 'from previous page');
  safe.setItem('b', '2');
  assert.equal(real.getItem('b'), '2');
});

test('falls back to memory when getting the store throws (sandboxed iframe)', () => {
  const safe = createSafeStore(() => {
    throw new Error('SecurityError');
  });
  assert.equal(safe.getItem('x'), null);
  safe.setItem('x', '1');
  assert.equal(safe.getItem('x'), '1');
});

test('keeps earlier values after the store starts throwing (quota)', () => {
  const backing = createMemoryStore();
  backing.setItem('sid', 'earlier');
  let broken = false;
  const flaky: KeyValueStore = {
    getItem: (key) => {
      if (broken) throw new Error('gone');
      return backing.getItem(key);
    },
    setItem: (key, value) => {
      if (broken) throw new Error('QuotaExceededError');
      backing.setItem(key, value);
    },
  };
  const safe = createSafeStore(() => flaky);
  assert.equal(safe.getItem('sid'), 'earlier');
  safe.setItem('seq', '3');
  broken = true;
  safe.setItem('seq', '4');
  assert.equal(safe.getItem('seq'), '4');
  assert.equal(safe.getItem('sid'), 'earlier');
});
