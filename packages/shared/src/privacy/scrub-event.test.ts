/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '../rrweb-events.js';
import { createPrivacyPolicy } from './privacy-policy.js';
import { scrubEventText } from './scrub-event.js';

const policy = createPrivacyPolicy({ redactKeys: [], denyHeaders: [], recordHeaders: true, recordBody: true, maxBodyChars: 10_000, consoleMaxArgChars: 2_000 });
const ev = (type: number, data: unknown): RrwebEvent => ({ type, data, timestamp: 1 });

test('Meta: the page URL loses its secret parameters', () => {
  const out = scrubEventText(ev(4, { href: 'https://x/welcome?token=t&step=1', width: 1, height: 1 }), policy);
  assert.deepEqual(out?.data, { href: 'https://x/welcome?token=REDACTED&step=1', width: 1, height: 1 });
});

test('network entries are rebuilt; an event left with no requests is dropped', () => {
  const net = scrubEventText(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [{ name: '/a?key=k', requestHeaders: { cookie: 'c' } }] } }), policy);
  assert.deepEqual(net?.data, { plugin: 'rrweb/network@1', payload: { requests: [{ name: '/a?key=REDACTED', requestHeaders: { cookie: '[REDACTED]' } }] } });
  assert.equal(scrubEventText(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [{}] } }), policy), null);
});

test('console entries, of the plugin and of rrweb 1 (source Log), are scrubbed', () => {
  const plugin = scrubEventText(ev(6, { plugin: 'rrweb/console@1', payload: { level: 'warn', payload: ['"password: hunter2"'], trace: [] } }), policy);
  assert.deepEqual((plugin?.data as { payload: unknown }).payload, { level: 'warn', payload: ['"password: REDACTED"'], trace: [] });
  const log = scrubEventText(ev(3, { source: 11, level: 'error', payload: ['"(code=4/0A)"'], trace: ['f (https://x/a.js?sig=s:1:2)'] }), policy);
  assert.deepEqual(log?.data, { source: 11, level: 'error', payload: ['"(code=REDACTED)"'], trace: ['f (https://x/a.js?sig=REDACTED)'] });
});

test('custom events: secret keys and free-text secrets go, the identify user id stays', () => {
  const custom = scrubEventText(ev(5, { tag: 'checkout token=t1x9', payload: { step: 2, api_key: 'k', note: 'Bearer abcdef123456' } }), policy);
  assert.deepEqual(custom?.data, { tag: 'checkout token=REDACTED', payload: { step: 2, api_key: '[REDACTED]', note: 'Bearer REDACTED' } });
  const hashedId = '0123456789abcdef0123456789abcdef';
  const identify = scrubEventText(ev(5, { tag: '$identify', payload: { userId: hashedId, traits: { plan: 'pro', password: 'p' }, extra: 'x' } }), policy);
  assert.deepEqual(identify?.data, { tag: '$identify', payload: { userId: hashedId, traits: { plan: 'pro', password: '[REDACTED]' } } });
});

test('the DOM and everything else pass untouched', () => {
  const move = ev(3, { source: 1, positions: [] });
  assert.equal(scrubEventText(move, policy), move);
  const snapshot = ev(2, { node: { type: 0, childNodes: [{ type: 3, textContent: 'token=t' }] }, initialOffset: { top: 0, left: 0 } });
  assert.deepEqual(scrubEventText(snapshot, policy), snapshot);
});
