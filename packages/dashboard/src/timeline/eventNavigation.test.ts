import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionEvent } from '@gosight/shared';
import { countUpTo, isError, isRageClick, nextEvent } from './eventNavigation.js';

const START = 1_700_000_000_000;
const base = { chunkIndex: 0, label: 'x', severity: 'info' as const };
const events: SessionEvent[] = [
  { ...base, id: 'e1', kind: 'error', timestamp: START + 1_000, level: 'error', message: 'a' },
  { ...base, id: 'r1', kind: 'rage_click', timestamp: START + 2_000, x: 1, y: 1, nodeId: 3, count: 4 },
  { ...base, id: 'w', kind: 'console', timestamp: START + 2_500, level: 'warn', message: 'w' },
  { ...base, id: 'e2', kind: 'error', timestamp: START + 3_000, level: 'error', message: 'b' },
];

test('finds the next error and rage click after the playhead', () => {
  assert.equal(nextEvent(events, START, 0, isError)?.id, 'e1');
  assert.equal(nextEvent(events, START, 1_500, isError)?.id, 'e2');
  assert.equal(nextEvent(events, START, 0, isRageClick)?.id, 'r1');
  assert.equal(nextEvent(events, START, 3_000, isError), undefined);
});

test('parked on an error, "next" moves to the following one', () => {
  assert.equal(nextEvent(events, START, 1_000, isError)?.id, 'e2');
});

test('counts the entries up to an instant', () => {
  const times = [10, 20, 20, 30];
  assert.equal(countUpTo(times, 5), 0);
  assert.equal(countUpTo(times, 10), 1);
  assert.equal(countUpTo(times, 20), 3);
  assert.equal(countUpTo(times, 99), 4);
  assert.equal(countUpTo([], 99), 0);
});
