/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SEQ_STORAGE_KEY,
  SESSION_ACTIVITY_STORAGE_KEY,
  SESSION_ID_STORAGE_KEY,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_MAX_DURATION_MS,
  SESSION_SAMPLED_STORAGE_KEY,
  SESSION_STARTED_STORAGE_KEY,
} from './constants.js';
import { isSessionExpired, loadOrCreateSession, takeNextSeq } from './session.js';
import { createMemoryStore } from './storage.js';

const ID_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ID_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const T0 = 1_700_000_000_000;
const deps = (id: string, sampled = true) => ({ newId: () => id, sample: () => sampled });

test('creates and stores a session, starting seq at 0', () => {
  const store = createMemoryStore();
  const s = loadOrCreateSession(store, T0, deps(ID_A));
  assert.deepEqual(s, { id: ID_A, startedAt: T0, lastActivityAt: T0, sampled: true });
  assert.equal(store.getItem(SESSION_ID_STORAGE_KEY), ID_A);
  assert.equal(store.getItem(SESSION_STARTED_STORAGE_KEY), String(T0));
  assert.equal(store.getItem(SESSION_SAMPLED_STORAGE_KEY), '1');
  assert.equal(takeNextSeq(store), 0);
  assert.equal(takeNextSeq(store), 1);
});

test('the next page of the tab continues a live session and its seq count', () => {
  const tab = createMemoryStore();
  loadOrCreateSession(tab, T0, deps(ID_A));
  takeNextSeq(tab);
  takeNextSeq(tab);
  const next = loadOrCreateSession(tab, T0 + 60_000, deps(ID_B));
  assert.equal(next.id, ID_A);
  assert.equal(next.startedAt, T0);
  assert.equal(next.lastActivityAt, T0 + 60_000, 'a page load is activity');
  assert.equal(tab.getItem(SESSION_ACTIVITY_STORAGE_KEY), String(T0 + 60_000));
  assert.equal(takeNextSeq(tab), 2);
});

test('30 minutes without activity ends the session: new id, seq from 0', () => {
  const tab = createMemoryStore();
  loadOrCreateSession(tab, T0, deps(ID_A));
  takeNextSeq(tab);
  assert.equal(loadOrCreateSession(tab, T0 + SESSION_IDLE_TIMEOUT_MS - 1, deps(ID_B)).id, ID_A);
  const later = loadOrCreateSession(tab, T0 + 2 * SESSION_IDLE_TIMEOUT_MS, deps(ID_B));
  assert.equal(later.id, ID_B);
  assert.equal(takeNextSeq(tab), 0);
});

test('4 hours after its start a session ends even while active', () => {
  const state = { id: ID_A, startedAt: T0, lastActivityAt: T0 + SESSION_MAX_DURATION_MS - 1000, sampled: true };
  assert.equal(isSessionExpired(state, T0 + SESSION_MAX_DURATION_MS - 1), false);
  assert.equal(isSessionExpired(state, T0 + SESSION_MAX_DURATION_MS), true);
});

test('the sampling decision is drawn once per session and kept across pages', () => {
  const tab = createMemoryStore();
  assert.equal(loadOrCreateSession(tab, T0, deps(ID_A, false)).sampled, false);
  assert.equal(tab.getItem(SESSION_SAMPLED_STORAGE_KEY), '0');
  assert.equal(loadOrCreateSession(tab, T0 + 1000, deps(ID_B, true)).sampled, false, 'not redrawn on the next page');
  assert.equal(loadOrCreateSession(tab, T0 + 2 * SESSION_IDLE_TIMEOUT_MS, deps(ID_B, true)).sampled, true, 'redrawn for a new session');
});

test('state from an older SDK (id only) is continued; corrupt values are replaced', () => {
  const legacy = createMemoryStore();
  legacy.setItem(SESSION_ID_STORAGE_KEY, ID_A);
  legacy.setItem(SEQ_STORAGE_KEY, '5');
  const s = loadOrCreateSession(legacy, T0, deps(ID_B));
  assert.equal(s.id, ID_A);
  assert.equal(takeNextSeq(legacy), 5);

  const corrupt = createMemoryStore();
  corrupt.setItem(SESSION_ID_STORAGE_KEY, 'garbage');
  corrupt.setItem(SEQ_STORAGE_KEY, '17');
  assert.equal(loadOrCreateSession(corrupt, T0, deps(ID_B)).id, ID_B);
  assert.equal(takeNextSeq(corrupt), 0);
  for (const bad of ['-1', '1.5', 'NaN', '']) {
    corrupt.setItem(SEQ_STORAGE_KEY, bad);
    assert.equal(takeNextSeq(corrupt), 0, `seq ${JSON.stringify(bad)}`);
  }
});
