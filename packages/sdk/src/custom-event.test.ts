/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCustomEvent, buildIdentifyEvent } from './custom-event.js';
import { createKeyMatcher } from './privacy/sensitive-key.js';

const s = createKeyMatcher();

test('event(name, payload) becomes an rrweb Custom event with a JSON copy of the payload', () => {
  const payload = { step: 2, items: ['a'], when: new Date(0) };
  const result = buildCustomEvent('checkout', payload, 1234, s);
  assert.ok(result.ok);
  assert.deepEqual(result.event, { type: 5, data: { tag: 'checkout', payload: { step: 2, items: ['a'], when: '1970-01-01T00:00:00.000Z' } }, timestamp: 1234 });
  payload.items.push('later');
  assert.deepEqual((result.event.data as { payload: { items: string[] } }).payload.items, ['a'], 'the page cannot change it afterwards');
  const bare = buildCustomEvent('ping', undefined, 1, s);
  assert.ok(bare.ok);
  assert.deepEqual(bare.event.data, { tag: 'ping', payload: null });
});

test('secret keys in the payload are redacted', () => {
  const result = buildCustomEvent('login', { user: 'ann', password: 'p' }, 1, s);
  assert.ok(result.ok);
  assert.deepEqual((result.event.data as { payload: unknown }).payload, { user: 'ann', password: '[REDACTED]' });
});

test('bad names and payloads are refused with a reason', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const [name, payload] of [['', 1], [42, 1], ['$identify', 1], ['x'.repeat(201), 1], ['ok', cyclic], ['ok', { big: 'x'.repeat(20_000) }], ['ok', () => 1]] as const) {
    const result = buildCustomEvent(name, payload, 1, s);
    assert.equal(result.ok, false, String(name).slice(0, 20));
  }
});

test('identify(userId, traits) becomes $identify with { userId, traits }', () => {
  const result = buildIdentifyEvent('u-42', { plan: 'pro', api_key: 'k' }, 9, s);
  assert.ok(result.ok);
  assert.deepEqual(result.event, { type: 5, data: { tag: '$identify', payload: { userId: 'u-42', traits: { plan: 'pro', api_key: '[REDACTED]' } } }, timestamp: 9 });
  const numeric = buildIdentifyEvent(7, undefined, 9, s);
  assert.ok(numeric.ok);
  assert.deepEqual(numeric.event.data, { tag: '$identify', payload: { userId: '7', traits: {} } });
  assert.equal(buildIdentifyEvent('', {}, 9, s).ok, false);
  assert.equal(buildIdentifyEvent(null, {}, 9, s).ok, false);
});
