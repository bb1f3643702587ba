import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeSamples, touchSamplesOf } from './touchSamples.js';

test('reads touch start and end, and batched moves with their time offsets', () => {
  assert.deepEqual(touchSamplesOf({ type: 3, timestamp: 1_000, data: { source: 2, type: 7, id: 4, x: 10, y: 20 } }), [
    { kind: 'start', x: 10, y: 20, at: 1_000 },
  ]);
  assert.deepEqual(touchSamplesOf({ type: 3, timestamp: 1_500, data: { source: 2, type: 9, id: 4, x: 10, y: 90 } }), [
    { kind: 'end', x: 10, y: 90, at: 1_500 },
  ]);
  assert.deepEqual(
    touchSamplesOf({ type: 3, timestamp: 1_600, data: { source: 6, positions: [{ x: 10, y: 40, id: 4, timeOffset: -400 }, { x: 10, y: 70, id: 4, timeOffset: -200 }] } }),
    [
      { kind: 'move', x: 10, y: 40, at: 1_200 },
      { kind: 'move', x: 10, y: 70, at: 1_400 },
    ],
  );
  assert.deepEqual(touchSamplesOf({ type: 3, timestamp: 1_700, data: { source: 2, type: 10, id: 4, x: 10, y: 95 } }), [
    { kind: 'end', x: 10, y: 95, at: 1_700 },
  ], 'a cancelled touch ends the stroke');
  assert.deepEqual(touchSamplesOf({ type: 3, timestamp: 1, data: { source: 2, type: 2, x: 1, y: 1 } }), [], 'a mouse click is not a touch');
  assert.deepEqual(touchSamplesOf({ type: 2, timestamp: 1, data: {} }), []);
});

test('merges in time order and forgets old samples', () => {
  const history = [
    { kind: 'start' as const, x: 0, y: 0, at: 1_000 },
    { kind: 'end' as const, x: 0, y: 9, at: 1_500 },
  ];
  const merged = mergeSamples(history, [{ kind: 'move', x: 0, y: 5, at: 1_200 }], 10_000);
  assert.deepEqual(merged.map((sample) => sample.kind), ['start', 'move', 'end']);
  assert.deepEqual(mergeSamples(merged, [{ kind: 'start', x: 1, y: 1, at: 5_000 }], 2_000).map((sample) => sample.at), [5_000]);
});
