/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCustomEvent, buildIdentifyEvent } from './custom-event.js';

test('event(name, payload) becomes an rrweb Custom event with a JSON copy of the payload', () => {
  const payload = { step: 2, items: ['a'], when: new Date(0) };
  const result = buildCustomEvent('checkout', payload, 1234);
  assert.ok(result.ok);
  assert.deepEqual(result.event, { type: 5, data: { tag: 'checkout', payload: { step: 2, items: ['a'], when: '1970-01-01T00:00:00.000Z' } }, timestamp: 1234 });
  payload.items.push('later');
  assert.deepEqual((result.event.data as { payload: { items: string[] } }).payload.items, ['a'], 'the page cannot change it afterwards');
  const bare = buildCustomEvent('ping', undefined, 1);
  assert.ok(bare.ok);
  assert.deepEqual(bare.event.data, { tag: 'ping', payload: null });
});

test('bad names and payloads are refused with a reason', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const [name, payload] of [['', 1], [42, 1], ['$identify', 1], ['x'.repeat(201), 1], ['ok', cyclic], ['ok', { big: 'x'.repeat(20_000) }], ['ok', () => 1]] as const) {
    const result = buildCustomEvent(name, payload, 1);
    assert.equal(result.ok, false, String(name).slice(0, 20));
  }
});

test('identify(userId, traits) becomes $identify with { userId, traits } (scrubbed later, with every event)', () => {
  const result = buildIdentifyEvent('u-42', { plan: 'pro', api_key: 'k' }, 9);
  assert.ok(result.ok);
  assert.deepEqual(result.event, { type: 5, data: { tag: '$identify', payload: { userId: 'u-42', traits: { plan: 'pro', api_key: 'k' } } }, timestamp: 9 });
  const numeric = buildIdentifyEvent(7, undefined, 9);
  assert.ok(numeric.ok);
  assert.deepEqual(numeric.event.data, { tag: '$identify', payload: { userId: '7', traits: {} } });
  assert.equal(buildIdentifyEvent('', {}, 9).ok, false);
  assert.equal(buildIdentifyEvent(null, {}, 9).ok, false);
});
