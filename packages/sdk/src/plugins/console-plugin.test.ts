/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { argumentJson, createConsolePlugin } from './console-plugin.js';

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
  assert.ok(entry.trace.length > 0 && entry.trace.every((frame) => !frame.startsWith('at ')), 'frames of where it was called');
  stop();
  fakeConsole.error('after stop');
  assert.equal(entries.length, 1, 'stop() puts the original method back');
});

test('asserts are recorded only when they fail; a console call made while recording is not recorded twice', () => {
  const fakeConsole: Record<string, (...a: unknown[]) => void> = { assert: () => {}, warn: () => {} };
  const entries: { level: string; payload: string[] }[] = [];
  const plugin = createConsolePlugin(['assert', 'warn']);
  plugin.observer!((entry) => entries.push(entry as never), { console: fakeConsole } as never, {});
  fakeConsole.assert(true, 'fine');
  fakeConsole.assert(false, 'broken');
  const noisy = { get value() { fakeConsole.warn('from a getter'); return 1; } };
  fakeConsole.warn(noisy);
  assert.deepEqual(entries.map((e) => [e.level, e.payload]), [['assert', ['"broken"']], ['warn', ['{"value":1}']]]);
});

test('arguments become JSON: cycles, functions, bigints, errors, deep and wide objects made safe', () => {
  const cyclic: Record<string, unknown> = { name: 'a' };
  cyclic.self = cyclic;
  assert.equal(argumentJson(cyclic), '{"name":"a","self":"[Circular]"}');
  const shared = { x: 1 };
  assert.equal(argumentJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}', 'a repeated object is not a cycle');
  assert.equal(argumentJson(function named() {}), '"[Function named]"');
  assert.equal(argumentJson(10n), '"10n"');
  assert.equal(argumentJson(undefined), '"undefined"');
  assert.equal(argumentJson({ u: undefined }), '{"u":"undefined"}');
  const error = new Error('bad');
  assert.equal(JSON.parse(argumentJson(error)), error.stack);
  assert.equal(argumentJson({ a: { b: { c: { d: { e: 1 } } } } }), '{"a":{"b":{"c":{"d":"[Object]"}}}}');
  const wide = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
  assert.equal(argumentJson(wide), '"[Object with 60 keys]"');
});
