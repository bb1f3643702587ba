/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactMutationLinks, redactSnapshotLinks } from './redact-links.js';
import { createKeyMatcher } from './sensitive-key.js';

const s = createKeyMatcher();

test('redacts link and form targets in a snapshot, not resource URLs', () => {
  const tree = {
    type: 0,
    childNodes: [{
      type: 2, tagName: 'body', attributes: {}, childNodes: [
        { type: 2, tagName: 'a', attributes: { href: 'https://x/reset?token=t1' }, childNodes: [{ type: 3, textContent: 'Reset' }] },
        { type: 2, tagName: 'form', attributes: { action: '/login?session=s1' }, childNodes: [] },
        { type: 2, tagName: 'img', attributes: { src: 'https://cdn/x.png?sig=keep' }, childNodes: [] },
      ],
    }],
  };
  redactSnapshotLinks(tree, s);
  const body = tree.childNodes[0].childNodes;
  assert.equal(body[0].attributes.href, 'https://x/reset?token=REDACTED');
  assert.equal(body[1].attributes.action, '/login?session=REDACTED');
  assert.equal(body[2].attributes.src, 'https://cdn/x.png?sig=keep');
});

test('redacts added links and changed href/action attributes in a mutation', () => {
  const data = {
    adds: [{ node: { type: 2, tagName: 'a', attributes: { href: '/magic?code=c1' } } }, { node: { type: 3, textContent: 'x' } }],
    attributes: [{ id: 4, attributes: { href: '/x?password=p', class: 'k' } }, { id: 5, attributes: { action: null } }],
  };
  redactMutationLinks(data, s);
  assert.equal(data.adds[0].node.attributes!.href, '/magic?code=REDACTED');
  assert.deepEqual(data.attributes[0].attributes, { href: '/x?password=REDACTED', class: 'k' });
  assert.deepEqual(data.attributes[1].attributes, { action: null });
});
