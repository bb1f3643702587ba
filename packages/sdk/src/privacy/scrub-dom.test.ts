/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeyMatcher } from '@gosight/shared';
import { redactCssUrls, scrubMutation, scrubSnapshot, type DomScrubber } from './scrub-dom.js';

const s = createKeyMatcher();
/** A fake live page: ids in `masked` are inside a masked region; id 99 is not in the mirror. */
function scrubber(masked: number[], live: Record<number, { nodeName: string; attributes?: Record<string, string> }> = {}): DomScrubber {
  return {
    isSensitive: s,
    maskSelector: '.gosight-mask',
    nodeById: (id) => (id === 99 ? null : ({
      nodeType: 1,
      nodeName: live[id]?.nodeName ?? 'DIV',
      getAttribute: (name: string) => live[id]?.attributes?.[name] ?? null,
      closest: () => (masked.includes(id) ? {} : null),
    }) as unknown as Node),
  };
}

test('a snapshot: link, form and resource URLs lose secret parameters and keep the rest', () => {
  const tree = {
    type: 0,
    childNodes: [{
      type: 2, id: 1, tagName: 'body', attributes: {}, childNodes: [
        { type: 2, id: 2, tagName: 'a', attributes: { href: 'https://x/reset?token=t1' }, childNodes: [{ type: 3, id: 3, textContent: 'Reset' }] },
        { type: 2, id: 4, tagName: 'form', attributes: { action: '/login?session=s1' }, childNodes: [] },
        { type: 2, id: 5, tagName: 'img', attributes: { src: 'https://cdn/x.png?access_token=a&w=640', srcset: '/a.png?sig=1 1x, /b.png?w=2 2x' }, childNodes: [] },
        { type: 2, id: 6, tagName: 'div', attributes: { style: 'background: url(/bg.png?key=k)' }, childNodes: [] },
        { type: 2, id: 8, tagName: 'style', attributes: {}, childNodes: [{ type: 3, id: 9, isStyle: true, textContent: '.x { background: url("/y.png?token=t") }' }] },
        { type: 2, id: 10, tagName: 'link', attributes: { rel: 'stylesheet', href: '/app.css?v=3', _cssText: '.z { background: url(\'/z.png?code=c\') }' }, childNodes: [] },
      ],
    }],
  };
  scrubSnapshot(tree, scrubber([]));
  const [a, form, img, div, style, link] = tree.childNodes[0].childNodes;
  assert.equal(a.attributes.href, 'https://x/reset?token=REDACTED');
  assert.equal(form.attributes.action, '/login?session=REDACTED');
  assert.deepEqual(img.attributes, { src: 'https://cdn/x.png?access_token=REDACTED&w=640', srcset: '/a.png?sig=REDACTED 1x, /b.png?w=2 2x' });
  assert.equal(div.attributes.style, 'background: url(/bg.png?key=REDACTED)');
  assert.equal(style.childNodes[0].textContent, '.x { background: url("/y.png?token=REDACTED") }');
  assert.deepEqual(link.attributes, { rel: 'stylesheet', href: '/app.css?v=3', _cssText: '.z { background: url(\'/z.png?code=REDACTED\') }' });
});

test('meta tags whose name looks secret lose their content; others keep it', () => {
  const tree = {
    type: 2, id: 1, tagName: 'head', attributes: {}, childNodes: [
      { type: 2, id: 2, tagName: 'meta', attributes: { name: 'csrf-token', content: 'c5rf' }, childNodes: [] },
      { type: 2, id: 3, tagName: 'meta', attributes: { property: 'og:title', content: 'Shop' }, childNodes: [] },
      { type: 2, id: 4, tagName: 'meta', attributes: { name: 'api-key', content: 'k1' }, childNodes: [] },
    ],
  };
  scrubSnapshot(tree, scrubber([]));
  assert.deepEqual(tree.childNodes.map((m) => m.attributes.content), ['[REDACTED]', 'Shop', '[REDACTED]']);
  // A script that refreshes the token changes only `content`: the live element says what it is.
  const change = { adds: [], attributes: [{ id: 5, attributes: { content: 'new-c5rf' } }, { id: 6, attributes: { content: 'Shop 2' } }] };
  scrubMutation(change, scrubber([], { 5: { nodeName: 'META', attributes: { name: 'csrf-token' } }, 6: { nodeName: 'META', attributes: { property: 'og:title' } } }));
  assert.deepEqual(change.attributes.map((c) => c.attributes.content), ['[REDACTED]', 'Shop 2']);
});

test('text-bearing attributes are masked inside masked regions only, and when the node is unknown', () => {
  const tree = {
    type: 2, id: 1, tagName: 'div', attributes: {}, childNodes: [
      { type: 2, id: 2, tagName: 'img', attributes: { alt: 'Ann Smith', title: 'Profile', 'data-email': 'ann@x.org', 'aria-label': 'Ann', placeholder: 'Name', value: 'v1', class: 'avatar', src: '/a.png' }, childNodes: [] },
      { type: 2, id: 3, tagName: 'img', attributes: { alt: 'Logo', 'data-testid': 'logo' }, childNodes: [] },
      { type: 2, id: 99, tagName: 'img', attributes: { alt: 'Unknown' }, childNodes: [] },
    ],
  };
  scrubSnapshot(tree, scrubber([2]));
  assert.deepEqual(tree.childNodes[0].attributes, { alt: '*** *****', title: '*******', 'data-email': '*********', 'aria-label': '***', placeholder: '****', value: '**', class: 'avatar', src: '/a.png' });
  assert.deepEqual(tree.childNodes[1].attributes, { alt: 'Logo', 'data-testid': 'logo' });
  assert.deepEqual(tree.childNodes[2].attributes, { alt: '*******' }, 'fails closed');
});

test('a changed style attribute, recorded as a diff, loses secret parameters in url()', () => {
  const change = { attributes: [{ id: 3, attributes: { style: { 'background-image': 'url(/a.png?token=t)', color: 'red', background: ['url(/b.png?sig=s)', 'important'] } } }] };
  scrubMutation(change, scrubber([]));
  assert.deepEqual(change.attributes[0].attributes.style, { 'background-image': 'url(/a.png?token=REDACTED)', color: 'red', background: ['url(/b.png?sig=REDACTED)', 'important'] });
});

test('CSS url() redaction keeps quotes and leaves clean URLs alone', () => {
  assert.equal(redactCssUrls('a{b:url( "/x.png?token=t" )}', s), 'a{b:url("/x.png?token=REDACTED")}');
  assert.equal(redactCssUrls('a{b:url(/x.png?v=2)}', s), 'a{b:url(/x.png?v=2)}');
  assert.equal(redactCssUrls('a{color:red}', s), 'a{color:red}');
});
