/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType } from '@gosight/shared';
import { shouldFlushAfterAdd, shouldFlushBeforeAdd } from './flush-policy.js';

const limits = { maxBatchEvents: 50, maxBatchChars: 1000 };
const { Meta, FullSnapshot, IncrementalSnapshot, Custom } = EventType;

test('a Meta (checkout start) cuts what is buffered before it', () => {
  assert.equal(shouldFlushBeforeAdd(Meta, 10, { count: 7, chars: 100 }, limits), true);
  assert.equal(shouldFlushBeforeAdd(Meta, 10, { count: 0, chars: 0 }, limits), false);
  assert.equal(shouldFlushBeforeAdd(IncrementalSnapshot, 10, { count: 49, chars: 100 }, limits), false);
});

test('an event that would pass the size cap goes to the next batch; a FullSnapshot stays with its Meta', () => {
  assert.equal(shouldFlushBeforeAdd(IncrementalSnapshot, 600, { count: 3, chars: 500 }, limits), true);
  assert.equal(shouldFlushBeforeAdd(IncrementalSnapshot, 600, { count: 0, chars: 0 }, limits), false);
  assert.equal(shouldFlushBeforeAdd(FullSnapshot, 50_000, { count: 1, chars: 100 }, limits), false);
});

test('a batch is cut when full by count or by size', () => {
  assert.equal(shouldFlushAfterAdd(IncrementalSnapshot, { count: 49, chars: 100 }, limits), false);
  assert.equal(shouldFlushAfterAdd(IncrementalSnapshot, { count: 50, chars: 100 }, limits), true);
  assert.equal(shouldFlushAfterAdd(Custom, { count: 2, chars: 1000 }, limits), true);
});

test('a FullSnapshot is sent at once; never a cut between Meta and FullSnapshot', () => {
  assert.equal(shouldFlushAfterAdd(FullSnapshot, { count: 2, chars: 10 }, limits), true);
  assert.equal(shouldFlushAfterAdd(Meta, { count: 50, chars: 5000 }, limits), false);
});
