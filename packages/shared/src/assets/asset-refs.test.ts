import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapCssUrls, mapSrcset } from './asset-refs.js';

test('CSS urls and imports, quoted or not, are visited and replaced keeping their quotes', () => {
  const seen: string[] = [];
  const out = mapCssUrls(`@import "a.css"; .x { background: url('b.png') } .y { background: url(c.png) } .z { src: url("d.woff2") }`, (url) => {
    seen.push(url);
    return url === 'c.png' ? undefined : `/copy/${url}`;
  });
  assert.deepEqual(seen, ['a.css', 'b.png', 'c.png', 'd.woff2']);
  assert.equal(out, `@import "/copy/a.css"; .x { background: url('/copy/b.png') } .y { background: url(c.png) } .z { src: url("/copy/d.woff2") }`);
});

test('srcset candidates keep their descriptors', () => {
  assert.equal(mapSrcset('a.png 1x, b.png 2x', (url) => (url === 'a.png' ? 'A' : undefined)), 'A 1x, b.png 2x');
});
