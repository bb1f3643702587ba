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

test('targets after a snapshot move 1 ms later, so the events at the target are applied too', () => {
  const anchors = collectSnapshotAnchors(events);
  assert.equal(renderableOffset(anchors, START, 3), 4);
  assert.equal(renderableOffset(anchors, START, 500), 501, 'the change at 500 ms shows at 500 ms');
  assert.equal(renderableOffset(anchors, START, 9_999), 10_000);
  assert.equal(renderableOffset(anchors, START, 10_001), 10_002);
  assert.equal(renderableOffset(anchors, START, 12_000), 12_001, 'the last event shows when seeking to the end');
});

test('without a known anchor, offsets still move 1 ms later', () => {
  assert.equal(renderableOffset([], START, 0), 1);
  assert.equal(renderableOffset([], START, 700), 701);
});
