/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordPlugin } from '@rrweb/types';
import { resolveConfig } from './config.js';
import { createKeyMatcher } from '@gosight/shared';
import { fakeInput } from './test-support/fake-element.js';
import { buildRecordOptions } from './record-options.js';

function config(extra: object = {}) {
  const result = resolveConfig({ endpoint: 'http://h', projectKey: 'k', ...extra });
  assert.ok(result.ok);
  return result.config;
}

test('passes the spec §3.3 recording options', () => {
  const emit = () => {};
  const plugin: RecordPlugin = { name: 'rrweb/console@1', options: {} };
  const options = buildRecordOptions({ config: config({ blockSelector: '#ad' }), emit, plugins: [plugin], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(options.emit, emit);
  assert.equal(options.checkoutEveryNms, 60_000);
  assert.equal(options.checkoutEveryNth, 200);
  // rrweb takes our per-type options; our maskInputFn applies maskAllInputs per element.
  assert.equal(options.maskAllInputs, false);
  assert.equal((options.maskInputOptions as Record<string, boolean>).hidden, true);
  assert.equal((options.maskInputOptions as Record<string, boolean>).password, true);
  assert.equal(options.maskInputFn?.('abc', fakeInput({ name: 'city' })), '***');
  assert.equal(options.maskTextFn, undefined);
  // Editable regions are masked like inputs: by default, and added to the page's own selector.
  assert.equal(options.maskTextSelector, '[contenteditable]:not([contenteditable="false"]),[role="textbox"]');
  const own = buildRecordOptions({ config: config({ maskTextSelector: '.pii' }), emit, plugins: [], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(own.maskTextSelector, '.pii,[contenteditable]:not([contenteditable="false"]),[role="textbox"]');
  const unmasked = buildRecordOptions({ config: config({ maskAllInputs: false }), emit, plugins: [], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(unmasked.maskTextSelector, undefined, 'maskAllInputs: false records editable regions like ordinary fields');
  assert.equal(options.blockSelector, '#ad');
  assert.equal(options.maskTextClass, 'gosight-mask');
  assert.equal(options.blockClass, 'gosight-block');
  assert.equal(options.ignoreClass, 'gosight-ignore');
  assert.deepEqual(options.sampling, { mousemove: true, mouseInteraction: true, scroll: 150, media: 800, input: 'all' }, 'input values as typed, by default');
  const onChange = buildRecordOptions({ config: config({ inputValues: 'on-change' }), emit, plugins: [], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(onChange.sampling?.input, 'last');
  assert.equal(options.recordCanvas, false, 'canvas is off by default');
  const canvas = buildRecordOptions({ config: config({ canvas: { fps: 2 } }), emit, plugins: [], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(canvas.recordCanvas, true);
  assert.equal(canvas.sampling?.canvas, 2, 'sampled frames, not every drawing call');
  assert.deepEqual(canvas.dataURLOptions, { type: 'image/webp', quality: 0.6 });
  assert.equal(options.inlineStylesheet, true);
  assert.equal(options.inlineImages, false);
  assert.equal(options.collectFonts, true);
  assert.deepEqual(options.plugins, [plugin]);
});

test('swallows rrweb observer errors after reporting them', () => {
  const seen: unknown[] = [];
  const options = buildRecordOptions({ config: config(), emit: () => {}, plugins: [], isSensitiveKey: createKeyMatcher(), onError: (e) => seen.push(e) });
  const error = new Error('observer broke');
  assert.equal(options.errorHandler?.(error), true);
  assert.deepEqual(seen, [error]);
});

test('with maskAllInputs off, ordinary inputs are recorded and sensitive ones still masked', () => {
  const options = buildRecordOptions({ config: config({ maskAllInputs: false }), emit: () => {}, plugins: [], isSensitiveKey: createKeyMatcher(), onError: () => {} });
  assert.equal(options.maskInputFn?.('Lisbon', fakeInput({ name: 'city' })), 'Lisbon');
  assert.equal(options.maskInputFn?.('a@b.c', fakeInput({ type: 'email' })), '*****');
});
