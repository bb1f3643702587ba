/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConsolePlugin } from './console-plugin.js';

// The plugin's stringify checks `instanceof Node`; Node.js has no DOM.
const g = globalThis as Record<string, unknown>;
g.Node ??= class {};
g.HTMLElement ??= class {};

test('records the chosen console levels and leaves window errors to the error plugin', () => {
  const listeners: string[] = [];
  const calls: string[] = [];
  const fakeConsole = { error: (...a: unknown[]) => calls.push(`error ${a.join(' ')}`), warn: () => {}, log: (...a: unknown[]) => calls.push(`log ${a.join(' ')}`) };
  const win = { console: fakeConsole, addEventListener: (type: string) => listeners.push(type), removeEventListener: () => {} };
  const plugin = createConsolePlugin(['error', 'warn']);
  assert.equal(plugin.name, 'rrweb/console@1');
  const entries: unknown[] = [];
  const stop = plugin.observer!((entry) => entries.push(entry), win as never, plugin.options);
  fakeConsole.error('boom', 42);
  fakeConsole.log('not recorded');
  assert.deepEqual(listeners, [], 'no error/unhandledrejection listeners of its own');
  assert.deepEqual(calls, ['error boom 42', 'log not recorded'], 'the page still sees its own output');
  assert.equal(entries.length, 1);
  const entry = entries[0] as { level: string; payload: string[]; trace: string[] };
  assert.equal(entry.level, 'error');
  assert.deepEqual(entry.payload, ['"boom"', '42']);
  assert.ok(Array.isArray(entry.trace));
  stop();
});
