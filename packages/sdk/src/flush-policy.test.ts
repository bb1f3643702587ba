/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { shouldFlushAfterAdd, shouldFlushBeforeAdd } from './flush-policy.js';

const event = (type: number): RrwebEvent => ({ type, data: {}, timestamp: 0 });

test('a Meta (checkout start) cuts what is buffered before it', () => {
  assert.equal(shouldFlushBeforeAdd(event(EventType.Meta), 7), true);
  assert.equal(shouldFlushBeforeAdd(event(EventType.Meta), 0), false);
  assert.equal(shouldFlushBeforeAdd(event(EventType.FullSnapshot), 7), false);
  assert.equal(shouldFlushBeforeAdd(event(EventType.IncrementalSnapshot), 49), false);
});

test('a full batch is cut after the event that filled it', () => {
  assert.equal(shouldFlushAfterAdd(event(EventType.IncrementalSnapshot), 49, 50), false);
  assert.equal(shouldFlushAfterAdd(event(EventType.IncrementalSnapshot), 50, 50), true);
  assert.equal(shouldFlushAfterAdd(event(EventType.Custom), 2, 2), true);
});

test('a FullSnapshot is sent at once instead of waiting for the timer', () => {
  assert.equal(shouldFlushAfterAdd(event(EventType.FullSnapshot), 2, 50), true);
});

test('never cuts between a Meta and its FullSnapshot', () => {
  assert.equal(shouldFlushAfterAdd(event(EventType.Meta), 1, 1), false);
  assert.equal(shouldFlushAfterAdd(event(EventType.Meta), 50, 50), false);
});
