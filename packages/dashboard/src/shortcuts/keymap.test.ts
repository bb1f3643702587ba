import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandForKey, stepSpeed, type KeyInput } from './keymap.js';

const key = (value: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: value,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  inEditable: false,
  ...extra,
});

test('space and K toggle playback, arrows seek 5 s (Shift: 1 s)', () => {
  assert.deepEqual(commandForKey(key(' ')), { type: 'togglePlay' });
  assert.deepEqual(commandForKey(key('K', { shiftKey: true })), { type: 'togglePlay' });
  assert.deepEqual(commandForKey(key('ArrowRight')), { type: 'seekBy', deltaMs: 5_000 });
  assert.deepEqual(commandForKey(key('ArrowLeft')), { type: 'seekBy', deltaMs: -5_000 });
  assert.deepEqual(commandForKey(key('ArrowLeft', { shiftKey: true })), { type: 'seekBy', deltaMs: -1_000 });
});

test('digits pick a speed, < and > step through them', () => {
  assert.deepEqual(commandForKey(key('1')), { type: 'setSpeed', speed: 0.5 });
  assert.deepEqual(commandForKey(key('5')), { type: 'setSpeed', speed: 8 });
  assert.equal(commandForKey(key('6')), null);
  assert.equal(commandForKey(key('0')), null);
  assert.deepEqual(commandForKey(key('>')), { type: 'stepSpeed', direction: 1 });
  assert.deepEqual(commandForKey(key(',')), { type: 'stepSpeed', direction: -1 });
  assert.equal(stepSpeed(1, 1), 2);
  assert.equal(stepSpeed(8, 1), 8);
  assert.equal(stepSpeed(0.5, -1), 0.5);
  assert.equal(stepSpeed(3, -1), 2, 'an odd speed steps from the next offered one');
});

test('letters for navigation and views', () => {
  assert.deepEqual(commandForKey(key('e')), { type: 'nextError' });
  assert.deepEqual(commandForKey(key('r')), { type: 'nextRageClick' });
  assert.deepEqual(commandForKey(key('s')), { type: 'toggleSkipInactive' });
  assert.deepEqual(commandForKey(key('f')), { type: 'toggleFullscreen' });
  assert.deepEqual(commandForKey(key('d')), { type: 'toggleDevtools' });
  assert.deepEqual(commandForKey(key('t')), { type: 'toggleTimeline' });
  assert.deepEqual(commandForKey(key('i')), { type: 'toggleInspect' });
  assert.deepEqual(commandForKey(key('l')), { type: 'copyLink' });
  assert.deepEqual(commandForKey(key('?', { shiftKey: true })), { type: 'toggleHelp' });
  assert.equal(commandForKey(key('x')), null);
});

test('typing in a field and browser shortcuts are left alone', () => {
  assert.equal(commandForKey(key(' ', { inEditable: true })), null);
  assert.equal(commandForKey(key('f', { ctrlKey: true })), null);
  assert.equal(commandForKey(key('r', { metaKey: true })), null);
  assert.equal(commandForKey(key('ArrowLeft', { altKey: true })), null);
});
