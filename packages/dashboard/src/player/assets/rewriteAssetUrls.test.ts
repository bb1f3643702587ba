import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { assetResolver, rewriteAssetUrls } from './rewriteAssetUrls.js';

const SITE = 'https://shop.example';
const index = {
  [`${SITE}/a.png`]: { hash: 'aaa' },
  [`${SITE}/b@2x.png`]: { hash: 'bbb' },
  [`${SITE}/font.woff2`]: { hash: 'fff' },
  [`${SITE}/site.css`]: { hash: 'ccc' },
};
const resolve = assetResolver(index, '/api/sessions/s1/assets')!;

test('points every loaded URL of a snapshot and its changes at the captured copies', () => {
  const img = { type: 2, id: 3, tagName: 'img', attributes: { src: `${SITE}/a.png#x`, srcset: `${SITE}/a.png 1x, ${SITE}/b@2x.png 2x`, alt: `${SITE}/a.png` }, childNodes: [] };
  const link = { type: 2, id: 4, tagName: 'link', attributes: { rel: 'stylesheet', href: `${SITE}/site.css` }, childNodes: [] };
  const anchor = { type: 2, id: 5, tagName: 'a', attributes: { href: `${SITE}/a.png` }, childNodes: [] };
  const styleText = { type: 3, id: 7, isStyle: true, textContent: `@font-face { src: url("${SITE}/font.woff2") } .x { background: url(${SITE}/missing.png) }` };
  const style = { type: 2, id: 6, tagName: 'style', attributes: { _cssText: `.hero { background: url('${SITE}/a.png') }` }, childNodes: [styleText] };
  const snapshot = { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [img, link, anchor, style] } } } as RrwebEvent;
  const change = { type: 3, timestamp: 2, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 3, attributes: { src: `${SITE}/b@2x.png`, style: { color: 'red' } } }] } } as RrwebEvent;
  const font = { type: 3, timestamp: 3, data: { source: 10, family: 'F', fontSource: `url(${SITE}/font.woff2)`, buffer: false } } as RrwebEvent;
  rewriteAssetUrls([snapshot, change, font], resolve);
  assert.equal(img.attributes.src, '/api/sessions/s1/assets/aaa', 'the fragment does not matter');
  assert.equal(img.attributes.srcset, '/api/sessions/s1/assets/aaa 1x, /api/sessions/s1/assets/bbb 2x');
  assert.equal(img.attributes.alt, `${SITE}/a.png`, 'text is not a URL to load');
  assert.equal(link.attributes.href, '/api/sessions/s1/assets/ccc');
  assert.equal(anchor.attributes.href, `${SITE}/a.png`, 'links are navigation, not loads');
  assert.equal(style.attributes._cssText, ".hero { background: url('/api/sessions/s1/assets/aaa') }");
  assert.equal(styleText.textContent, `@font-face { src: url("/api/sessions/s1/assets/fff") } .x { background: url(${SITE}/missing.png) }`, 'uncaptured URLs stay');
  assert.equal((change.data as { attributes: { attributes: { src: string } }[] }).attributes[0].attributes.src, '/api/sessions/s1/assets/bbb');
  assert.equal((font.data as { fontSource: string }).fontSource, 'url(/api/sessions/s1/assets/fff)');
});

test('an empty index rewrites nothing', () => {
  assert.equal(assetResolver({}, '/x'), null);
});
