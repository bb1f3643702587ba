/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from './config.js';

const base = { endpoint: 'http://127.0.0.1:3000', projectKey: 'pk_demo' };

test('fills every default from the brief', () => {
  const result = resolveConfig(base);
  assert.ok(result.ok);
  assert.deepEqual({ ...result.config }, {
    endpoint: 'http://127.0.0.1:3000',
    projectKey: 'pk_demo',
    autoStart: true,
    sampleRate: 1,
    maskAllInputs: true,
    maskTextSelector: undefined,
    blockSelector: undefined,
    maskTextClass: 'gosight-mask',
    blockClass: 'gosight-block',
    ignoreClass: 'gosight-ignore',
    inputValues: 'as-typed',
    maskInputFn: undefined,
    maskTextFn: undefined,
    redactKeys: [],
    consoleLevels: ['error', 'warn'],
    captureErrors: true,
    canvas: null,
    network: null,
    flushIntervalMs: 5000,
    maxBatchEvents: 50,
    maxBatchChars: 512 * 1024,
    maxPendingBatches: 100,
    maxQueueChars: 5 * 1024 * 1024,
    debug: false,
  });
  assert.ok(Object.isFrozen(result.config));
  assert.ok(Object.isFrozen(result.config.consoleLevels));
});

test('canvas recording is opt-in, with a frame rate and quality kept in range', () => {
  const on = resolveConfig({ ...base, canvas: true });
  assert.ok(on.ok);
  assert.deepEqual(on.config.canvas, { fps: 4, quality: 0.6 });
  const tuned = resolveConfig({ ...base, canvas: { fps: 60, quality: 0 } });
  assert.ok(tuned.ok);
  assert.deepEqual(tuned.config.canvas, { fps: 15, quality: 0.1 });
  const off = resolveConfig({ ...base, canvas: 'yes' });
  assert.ok(off.ok);
  assert.equal(off.config.canvas, null);
});

test('network recording is opt-in: headers on (with the denylist), bodies off', () => {
  const on = resolveConfig({ ...base, network: true });
  assert.ok(on.ok);
  assert.deepEqual(on.config.network, { recordHeaders: true, recordBody: false, denyHeaders: [], initiatorTypes: undefined });
  const custom = resolveConfig({ ...base, network: { recordHeaders: false, recordBody: true, denyHeaders: ['X-Tenant', 3], initiatorTypes: ['fetch'] } });
  assert.ok(custom.ok);
  assert.deepEqual(custom.config.network, { recordHeaders: false, recordBody: true, denyHeaders: ['X-Tenant'], initiatorTypes: ['fetch'] });
  for (const off of [false, 'yes', undefined]) {
    const r = resolveConfig({ ...base, network: off });
    assert.ok(r.ok);
    assert.equal(r.config.network, null);
  }
});

test('sampleRate is clamped to 0..1; hooks must be functions', () => {
  const hook = (text: string) => text;
  const r = resolveConfig({ ...base, sampleRate: 2, maskInputFn: hook, maskTextFn: 'nope', autoStart: false, console: { errors: false } });
  assert.ok(r.ok);
  assert.equal(r.config.sampleRate, 1);
  assert.equal(r.config.maskInputFn, hook);
  assert.equal(r.config.maskTextFn, undefined);
  assert.equal(r.config.autoStart, false);
  assert.equal(r.config.captureErrors, false);
  const negative = resolveConfig({ ...base, sampleRate: -1 });
  assert.ok(negative.ok);
  assert.equal(negative.config.sampleRate, 0);
});

test('rejects missing or malformed endpoint and key', () => {
  assert.equal(resolveConfig(undefined).ok, false);
  assert.equal(resolveConfig({ projectKey: 'k' }).ok, false);
  assert.equal(resolveConfig({ endpoint: 'not a url', projectKey: 'k' }).ok, false);
  assert.equal(resolveConfig({ endpoint: 'ftp://example.com', projectKey: 'k' }).ok, false);
  assert.equal(resolveConfig({ endpoint: 'https://example.com', projectKey: '  ' }).ok, false);
});

test('normalizes the endpoint but keeps a path prefix', () => {
  const plain = resolveConfig({ ...base, endpoint: 'https://replay.example.com/' });
  assert.ok(plain.ok);
  assert.equal(plain.config.endpoint, 'https://replay.example.com');
  const prefixed = resolveConfig({ ...base, endpoint: 'https://example.com/gosight//' });
  assert.ok(prefixed.ok);
  assert.equal(prefixed.config.endpoint, 'https://example.com/gosight');
});

test('clamps the flush interval to at most 5 s and the batch size to at least 1', () => {
  const slow = resolveConfig({ ...base, flushIntervalMs: 60_000, maxBatchEvents: 0 });
  assert.ok(slow.ok);
  assert.equal(slow.config.flushIntervalMs, 5000);
  assert.equal(slow.config.maxBatchEvents, 1);
  const junk = resolveConfig({ ...base, flushIntervalMs: Number.NaN, maxBatchEvents: '10' });
  assert.ok(junk.ok);
  assert.equal(junk.config.flushIntervalMs, 5000);
  assert.equal(junk.config.maxBatchEvents, 50);
});

test('keeps only known console levels; an empty list turns console recording off', () => {
  const mixed = resolveConfig({ ...base, console: { levels: ['log', 'bogus', 42, 'error'] } });
  assert.ok(mixed.ok);
  assert.deepEqual(mixed.config.consoleLevels, ['log', 'error']);
  const off = resolveConfig({ ...base, console: { levels: [] } });
  assert.ok(off.ok);
  assert.deepEqual(off.config.consoleLevels, []);
});

test('takes privacy options as given', () => {
  const result = resolveConfig({
    ...base,
    maskAllInputs: false,
    maskTextSelector: '.secret',
    blockSelector: '#ad',
    maskTextClass: 'm',
    debug: true,
  });
  assert.ok(result.ok);
  assert.equal(result.config.maskAllInputs, false);
  assert.equal(result.config.maskTextSelector, '.secret');
  assert.equal(result.config.blockSelector, '#ad');
  assert.equal(result.config.maskTextClass, 'm');
  assert.equal(result.config.debug, true);
});
