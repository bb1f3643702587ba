import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmptyFrame, touchFrame, type TouchSample } from './touchFrame.js';

const tap: TouchSample[] = [
  { kind: 'start', x: 100, y: 200, at: 1_000 },
  { kind: 'end', x: 100, y: 200, at: 1_080 },
];
const swipe: TouchSample[] = [
  { kind: 'start', x: 200, y: 600, at: 5_000 },
  { kind: 'move', x: 200, y: 500, at: 5_100 },
  { kind: 'move', x: 200, y: 400, at: 5_200 },
  { kind: 'end', x: 200, y: 350, at: 5_300 },
];

test('a tap shows a point that fades out', () => {
  assert.deepEqual(touchFrame(tap, 1_000).points, [{ x: 100, y: 200, opacity: 1, down: true }], 'finger down');
  assert.deepEqual(touchFrame(tap, 1_080).points, [{ x: 100, y: 200, opacity: 0.9, down: false }], 'lifted: fading');
  assert.equal(touchFrame(tap, 1_400).points[0].opacity, 0.5);
  assert.ok(isEmptyFrame(touchFrame(tap, 1_900)));
  assert.ok(isEmptyFrame(touchFrame(tap, 999)), 'nothing before it happened');
});

test('a swipe draws its trail and a finger point while down', () => {
  const during = touchFrame(swipe, 5_150);
  assert.deepEqual(during.trails, [[{ x: 200, y: 600 }, { x: 200, y: 500 }]]);
  assert.deepEqual(during.points.at(-1), { x: 200, y: 500, opacity: 1, down: true });
  const after = touchFrame(swipe, 5_350);
  assert.deepEqual(after.trails, [[{ x: 200, y: 600 }, { x: 200, y: 500 }, { x: 200, y: 400 }, { x: 200, y: 350 }]]);
  assert.equal(after.points.filter((point) => point.down).length, 0, 'finger lifted');
  // The trail shortens from its tail as time passes, then disappears.
  assert.deepEqual(touchFrame(swipe, 5_750).trails, [[{ x: 200, y: 400 }, { x: 200, y: 350 }]]);
  assert.ok(isEmptyFrame(touchFrame(swipe, 7_000)));
});

test('several gestures draw independently', () => {
  const frame = touchFrame([...tap, ...swipe], 5_300);
  assert.equal(frame.trails.length, 1);
  assert.equal(frame.points.length, 1, 'the tap has faded, the swipe start has not');
});

test('a finger with no touch end (the touch became a scroll) counts as lifted once samples stop', () => {
  const cancelled: TouchSample[] = [
    { kind: 'start', x: 200, y: 600, at: 5_000 },
    { kind: 'move', x: 200, y: 500, at: 5_100 },
  ];
  assert.equal(touchFrame(cancelled, 5_500).points[0].down, true);
  assert.ok(isEmptyFrame(touchFrame(cancelled, 6_200)));
  // A new touch also ends the previous one.
  const next = touchFrame([...cancelled, { kind: 'start', x: 50, y: 50, at: 5_300 }], 5_350);
  assert.deepEqual(next.points.filter((point) => point.down).map(({ x, y }) => [x, y]), [[50, 50]]);
});

test('a tap draws no trail', () => {
  assert.deepEqual(touchFrame(tap, 1_100).trails, []);
});
