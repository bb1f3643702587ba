import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextWindowStep } from './windowStep.js';

const held = (...indices: number[]) => (index: number) => indices.includes(index);
const window = (...indices: number[]) => ({ firstIndex: indices[0], lastIndex: indices[indices.length - 1], indices });

test('appends the next chunk once the playhead is in the last one held and the next is loaded', () => {
  assert.deepEqual(nextWindowStep(window(4), 4, 5, held(4, 5), 3), { kind: 'append', index: 5 });
  assert.deepEqual(nextWindowStep(window(4), 4, 5, held(4), 3), { kind: 'stay' }, 'not loaded yet');
  assert.deepEqual(nextWindowStep(window(4, 5), 4, 6, held(4, 5, 6), 3), { kind: 'stay' }, 'already one ahead');
  assert.deepEqual(nextWindowStep(window(4, 5), 5, 6, held(4, 5, 6), 3), { kind: 'append', index: 6 });
  assert.deepEqual(nextWindowStep(window(9), 9, undefined, held(9), 3), { kind: 'stay' }, 'the last chunk of the session');
});

test('restarts at the playhead once a full window has left its first chunk behind', () => {
  assert.deepEqual(nextWindowStep(window(4, 5, 6), 6, 7, held(4, 5, 6, 7), 3), { kind: 'restart', index: 6 });
  assert.deepEqual(nextWindowStep(window(4, 5, 6), 4, 7, held(4, 5, 6, 7), 3), { kind: 'stay' }, 'still in the first chunk');
  assert.deepEqual(nextWindowStep(window(4, 5), 5, 6, held(4, 5, 6), 2), { kind: 'restart', index: 5 });
});
