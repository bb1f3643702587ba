/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { applyPrivacyFilters, mayHoldSecretLink, serializeFiltered } from './apply-privacy-filters.js';
import { createPrivacyPolicy } from './privacy-policy.js';

const policy = createPrivacyPolicy({ redactKeys: [], denyHeaders: [], recordHeaders: true, recordBody: false });
const ev = (type: number, data: unknown): RrwebEvent => ({ type, data, timestamp: 1 });

test('Meta: the page URL loses its secret parameters', () => {
  const out = applyPrivacyFilters(ev(4, { href: 'https://x/welcome?token=t&step=1', width: 1, height: 1 }), policy);
  assert.deepEqual(out?.data, { href: 'https://x/welcome?token=REDACTED&step=1', width: 1, height: 1 });
});

test('network plugin events are rebuilt; an event left with no requests is dropped', () => {
  const net = applyPrivacyFilters(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [{ name: '/a?key=k', requestHeaders: { cookie: 'c' } }] } }), policy);
  assert.deepEqual(net?.data, { plugin: 'rrweb/network@1', payload: { requests: [{ name: '/a?key=REDACTED', requestHeaders: { cookie: '[REDACTED]' } }] } });
  assert.equal(applyPrivacyFilters(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [{}] } }), policy), null);
});

test('console plugin events are scrubbed; other events pass untouched', () => {
  const out = applyPrivacyFilters(ev(6, { plugin: 'rrweb/console@1', payload: { level: 'log', payload: ['"?token=abc"'], trace: [] } }), policy);
  assert.deepEqual((out?.data as { payload: unknown }).payload, { level: 'log', payload: ['"?token=REDACTED"'], trace: [] });
  const move = ev(3, { source: 1, positions: [] });
  assert.equal(applyPrivacyFilters(move, policy), move);
  const custom = ev(5, { tag: 't', payload: { token: 'from the host, already redacted at the source' } });
  assert.equal(applyPrivacyFilters(custom, policy), custom);
});

test('mutations are serialized once, and walked only when a link could hold a secret', () => {
  const rows = ev(3, { source: 0, adds: [{ parentId: 1, node: { type: 2, tagName: 'td', attributes: {}, id: 2 } }], removes: [], texts: [], attributes: [] });
  assert.equal(serializeFiltered(rows, policy), JSON.stringify(rows));
  const link = ev(3, { source: 0, adds: [{ parentId: 1, node: { type: 2, tagName: 'a', attributes: { href: '/x?token=t' }, id: 2 } }], removes: [], texts: [], attributes: [] });
  assert.ok(serializeFiltered(link, policy)?.includes('/x?token=REDACTED'));
  const changed = ev(3, { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 2, attributes: { action: '/login#code=c' } }] });
  assert.ok(serializeFiltered(changed, policy)?.includes('/login#code=REDACTED'));
  assert.equal(serializeFiltered(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [] } }), policy), null);
});

test('the link pre-check only passes values without query, fragment, userinfo or escapes', () => {
  assert.equal(mayHoldSecretLink('{"href":"/plain/path","x":"?"}'), false);
  assert.equal(mayHoldSecretLink('{"href":"/p?q=1"}'), true);
  assert.equal(mayHoldSecretLink('{"action":"/p#f"}'), true);
  assert.equal(mayHoldSecretLink('{"href":"https://u:p@h/"}'), true);
  assert.equal(mayHoldSecretLink('{"href":"/a\\"b"}'), true);
});
