import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { collectSnapshotAnchors } from './snapshotAnchors.js';
import { renderableOffset } from './renderableOffset.js';

const START = 1_000_000;
const event = (type: number, at: number): RrwebEvent => ({ type, data: {}, timestamp: START + at });

// Two chunks: Meta and FullSnapshot at 0/+2 ms, then again at 10 000 ms (same millisecond).
const events = [
  event(EventType.Meta, 0),
  event(EventType.FullSnapshot, 2),
  event(EventType.IncrementalSnapshot, 500),
  event(EventType.IncrementalSnapshot, 9_000),
  event(EventType.Meta, 10_000),
  event(EventType.FullSnapshot, 10_000),
  event(EventType.IncrementalSnapshot, 12_000),
];

test('pairs every Meta with the FullSnapshot after it', () => {
  assert.deepEqual(collectSnapshotAnchors(events), [
    { metaAt: START, snapshotAt: START + 2 },
    { metaAt: START + 10_000, snapshotAt: START + 10_000 },
  ]);
});

test('ignores a Meta whose snapshot is missing', () => {
  assert.deepEqual(collectSnapshotAnchors([event(EventType.Meta, 0), event(EventType.IncrementalSnapshot, 5)]), []);
});

test('moves targets at or before a snapshot to just after it', () => {
  const anchors = collectSnapshotAnchors(events);
  assert.equal(renderableOffset(anchors, START, 0), 3);
  assert.equal(renderableOffset(anchors, START, 2), 3);
  assert.equal(renderableOffset(anchors, START, 10_000), 10_001);
  assert.equal(renderableOffset(anchors, START, -50), 3);
});

test('leaves targets after a snapshot alone', () => {
  const anchors = collectSnapshotAnchors(events);
  assert.equal(renderableOffset(anchors, START, 3), 3);
  assert.equal(renderableOffset(anchors, START, 9_999), 9_999);
  assert.equal(renderableOffset(anchors, START, 10_001), 10_001);
  assert.equal(renderableOffset(anchors, START, 15_000), 15_000);
});

test('passes offsets through when no anchor is known', () => {
  assert.equal(renderableOffset([], START, 0), 0);
  assert.equal(renderableOffset([], START, 700), 700);
});
