/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEQ_STORAGE_KEY, SESSION_ID_STORAGE_KEY } from './constants.js';
import { loadOrCreateSession, takeNextSeq } from './session.js';
import { createMemoryStore } from './storage.js';

const ID_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ID_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

test('creates and stores a session id, starting seq at 0', () => {
  const store = createMemoryStore();
  assert.equal(loadOrCreateSession(store, () => ID_A), ID_A);
  assert.equal(store.getItem(SESSION_ID_STORAGE_KEY), ID_A);
  assert.equal(takeNextSeq(store), 0);
  assert.equal(takeNextSeq(store), 1);
});

test('a second page of the same tab keeps the id and continues the seq count', () => {
  const tab = createMemoryStore(); // sessionStorage outlives the page
  loadOrCreateSession(tab, () => ID_A);
  takeNextSeq(tab);
  takeNextSeq(tab);
  takeNextSeq(tab);

  const secondPage = loadOrCreateSession(tab, () => ID_B);
  assert.equal(secondPage, ID_A);
  assert.equal(takeNextSeq(tab), 3);
});

test('replaces a corrupt id and restarts the count', () => {
  const store = createMemoryStore();
  store.setItem(SESSION_ID_STORAGE_KEY, 'garbage');
  store.setItem(SEQ_STORAGE_KEY, '17');
  assert.equal(loadOrCreateSession(store, () => ID_B), ID_B);
  assert.equal(takeNextSeq(store), 0);
});

test('treats a corrupt seq as 0', () => {
  const store = createMemoryStore();
  for (const bad of ['-1', '1.5', 'NaN', '']) {
    store.setItem(SEQ_STORAGE_KEY, bad);
    assert.equal(takeNextSeq(store), 0, `seq ${JSON.stringify(bad)}`);
  }
});
