/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIVITY_PERSIST_INTERVAL_MS, SESSION_ACTIVITY_STORAGE_KEY, SESSION_IDLE_TIMEOUT_MS, SESSION_MAX_DURATION_MS } from './constants.js';
import { createSessionTracker } from './session-tracker.js';
import { createMemoryStore } from './storage.js';

const T0 = 1_700_000_000_000;
let n = 0;
const deps = { newId: () => `0000000${n++}-0000-4000-8000-000000000000`.slice(-36), sample: () => true };

test('records while live; after 30 min idle, activity rotates and anything else is skipped', () => {
  const tracker = createSessionTracker(createMemoryStore(), T0, deps);
  assert.equal(tracker.decide(false, T0 + 1000), 'record');
  tracker.touch(T0 + 1000);
  const idleEnd = T0 + 1000 + SESSION_IDLE_TIMEOUT_MS;
  assert.equal(tracker.decide(false, idleEnd), 'skip');
  assert.equal(tracker.decide(true, idleEnd), 'rotate');
  const first = tracker.current.id;
  tracker.rotate(idleEnd);
  assert.notEqual(tracker.current.id, first);
  assert.equal(tracker.decide(false, idleEnd + 1), 'record');
});

test('activity keeps the session alive up to its 4 h maximum', () => {
  const tracker = createSessionTracker(createMemoryStore(), T0, deps);
  for (let t = T0; t < T0 + SESSION_MAX_DURATION_MS; t += SESSION_IDLE_TIMEOUT_MS / 2) {
    assert.equal(tracker.decide(true, t), 'record');
    tracker.touch(t);
  }
  assert.equal(tracker.decide(true, T0 + SESSION_MAX_DURATION_MS), 'rotate');
});

test('activity time is written at most every few seconds, and on demand', () => {
  const store = createMemoryStore();
  const tracker = createSessionTracker(store, T0, deps);
  tracker.touch(T0 + 100);
  assert.equal(store.getItem(SESSION_ACTIVITY_STORAGE_KEY), String(T0), 'not yet');
  tracker.touch(T0 + ACTIVITY_PERSIST_INTERVAL_MS);
  assert.equal(store.getItem(SESSION_ACTIVITY_STORAGE_KEY), String(T0 + ACTIVITY_PERSIST_INTERVAL_MS));
  tracker.touch(T0 + ACTIVITY_PERSIST_INTERVAL_MS + 10);
  tracker.saveActivity();
  assert.equal(store.getItem(SESSION_ACTIVITY_STORAGE_KEY), String(T0 + ACTIVITY_PERSIST_INTERVAL_MS + 10));
});
