/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { resolveConfig } from '../config.js';
import { applyPrivacyFilters, serializeFiltered } from './apply-privacy-filters.js';
import { createSdkPrivacy } from './sdk-privacy.js';

const resolved = resolveConfig({ endpoint: 'http://h', projectKey: 'k' });
if (!resolved.ok) throw new Error(resolved.reason);
/** Node 7 is inside a masked region of the "page"; every other node is not. */
const privacy = createSdkPrivacy(resolved.config, (id) => ({ nodeType: 1, closest: () => (id === 7 ? {} : null) }) as unknown as Node);
const ev = (type: number, data: unknown): RrwebEvent => ({ type, data, timestamp: 1 });

test('the shared scrubber handles page URLs, console, network and custom events', () => {
  const meta = applyPrivacyFilters(ev(4, { href: 'https://x/welcome?token=t&step=1', width: 1, height: 1 }), privacy);
  assert.equal((meta?.data as { href: string }).href, 'https://x/welcome?token=REDACTED&step=1');
  const consoleEvent = applyPrivacyFilters(ev(6, { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"Login failed, token=t9x"'], trace: [] } }), privacy);
  assert.deepEqual((consoleEvent?.data as { payload: { payload: string[] } }).payload.payload, ['"Login failed, token=REDACTED"']);
  const custom = applyPrivacyFilters(ev(5, { tag: 'login', payload: { user: 'ann', password: 'p' } }), privacy);
  assert.deepEqual((custom?.data as { payload: unknown }).payload, { user: 'ann', password: '[REDACTED]' });
  assert.equal(serializeFiltered(ev(6, { plugin: 'rrweb/network@1', payload: { requests: [] } }), privacy), null);
});

test('mutations: URLs everywhere, attributes of masked elements, style changes', () => {
  const mutation = ev(3, {
    source: 0,
    adds: [
      { parentId: 1, node: { type: 2, id: 7, tagName: 'span', attributes: { title: 'Ann Smith', 'data-user': 'ann', class: 'who' } } },
      { parentId: 1, node: { type: 2, id: 8, tagName: 'img', attributes: { title: 'Logo', src: '/l.png?access_token=t&w=2' } } },
    ],
    removes: [], texts: [], attributes: [{ id: 7, attributes: { 'aria-label': 'Ann' } }, { id: 8, attributes: { href: '/x#code=c' } }],
  });
  const json = serializeFiltered(mutation, privacy)!;
  const data = JSON.parse(json).data;
  assert.deepEqual(data.adds[0].node.attributes, { title: '*** *****', 'data-user': '***', class: 'who' });
  assert.deepEqual(data.adds[1].node.attributes, { title: 'Logo', src: '/l.png?access_token=REDACTED&w=2' });
  assert.deepEqual(data.attributes, [{ id: 7, attributes: { 'aria-label': '***' } }, { id: 8, attributes: { href: '/x#code=REDACTED' } }]);
  const rule = applyPrivacyFilters(ev(3, { source: 8, id: 3, adds: [{ rule: '.a { background: url("/b.png?sig=s1") }', index: 0 }] }), privacy);
  assert.equal((rule?.data as { adds: { rule: string }[] }).adds[0].rule, '.a { background: url("/b.png?sig=REDACTED") }');
  const declaration = applyPrivacyFilters(ev(3, { source: 13, id: 3, set: { property: 'background', value: 'url(/c.png?key=k)' }, index: [0] }), privacy);
  assert.equal((declaration?.data as { set: { value: string } }).set.value, 'url(/c.png?key=REDACTED)');
  const adopted = applyPrivacyFilters(ev(3, { source: 15, id: 1, styleIds: [1], styles: [{ styleId: 1, rules: [{ rule: '.d { background: url(/d.png?token=t) }' }] }] }), privacy);
  assert.equal((adopted?.data as { styles: { rules: { rule: string }[] }[] }).styles[0].rules[0].rule, '.d { background: url(/d.png?token=REDACTED) }');
});
