/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createErrorPlugin, errorEntry, rejectionEntry, stackFrames } from './error-plugin.js';

function fakeWindow() {
  const handlers = new Map<string, (event: unknown) => void>();
  return {
    handlers,
    win: {
      addEventListener: (type: string, handler: (event: unknown) => void) => handlers.set(type, handler),
      removeEventListener: (type: string) => handlers.delete(type),
    },
  };
}

test('unhandled errors and rejections become console entries of level error, with stacks', () => {
  const error = new Error('boom');
  const entry = errorEntry({ message: 'Uncaught Error: boom', error });
  assert.equal(entry.level, 'error');
  assert.deepEqual(entry.payload, ['"Uncaught Error: boom"']);
  assert.ok(entry.trace.length > 0 && entry.trace.every((frame) => !frame.startsWith('at ')));
  assert.deepEqual(rejectionEntry({ reason: new TypeError('bad') }).payload, ['"Uncaught (in promise) TypeError: bad"']);
  assert.deepEqual(rejectionEntry({ reason: { code: 7 } }), { level: 'error', payload: ['"Uncaught (in promise)"', '{"code":7}'], trace: [] });
  assert.deepEqual(errorEntry({ message: '', error: 'thrown string' }).payload, ['"thrown string"']);
});

test('reads V8 and Firefox/Safari stacks', () => {
  assert.deepEqual(stackFrames({ stack: 'Error: x\n    at f (https://a/app.js:1:2)\n    at https://a/app.js:3:4' }), ['f (https://a/app.js:1:2)', 'https://a/app.js:3:4']);
  assert.deepEqual(stackFrames({ stack: 'f@https://a/app.js:1:2\n@https://a/app.js:3:4\n' }), ['f@https://a/app.js:1:2', '@https://a/app.js:3:4']);
  assert.deepEqual(stackFrames(undefined), []);
});

test('records at most maxEntries per page, then one warning, and unsubscribes', () => {
  const { handlers, win } = fakeWindow();
  const entries: { level: string }[] = [];
  const stop = createErrorPlugin(3).observer!((e) => entries.push(e as { level: string }), win as never, {});
  for (let i = 0; i < 10; i++) handlers.get('error')!({ message: `e${i}`, error: new Error(`e${i}`) });
  handlers.get('unhandledrejection')!({ reason: new Error('late') });
  assert.deepEqual(entries.map((e) => e.level), ['error', 'error', 'error', 'warn']);
  stop();
  assert.equal(handlers.size, 0);
});
