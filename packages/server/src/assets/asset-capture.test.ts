import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import type { RrwebEvent } from '@gosight/shared';
import { FsColdStore } from '../coldstore/index.js';
import { AssetCapture } from './asset-capture.js';
import { AssetLibrary } from './asset-library.js';
import { collectAssetUrls } from './asset-urls.js';

const SITE = 'https://shop.example';
const snapshot = (extra: object[] = []) => ({
  type: 2, timestamp: 1,
  data: { node: { type: 0, id: 1, childNodes: [
    { type: 2, id: 2, tagName: 'img', attributes: { src: `${SITE}/logo.png`, srcset: `${SITE}/logo.png 1x, ${SITE}/logo@2x.png 2x` }, childNodes: [] },
    { type: 2, id: 3, tagName: 'link', attributes: { rel: 'stylesheet', href: `${SITE}/site.css` }, childNodes: [] },
    { type: 2, id: 4, tagName: 'div', attributes: { class: 'card gosight-mask', style: `background: url(${SITE}/private.png)` }, childNodes: [
      { type: 2, id: 5, tagName: 'img', attributes: { src: `${SITE}/inside-mask.png` }, childNodes: [] },
    ] },
    { type: 2, id: 6, tagName: 'a', attributes: { href: `${SITE}/page` }, childNodes: [] },
    { type: 2, id: 7, tagName: 'img', attributes: { src: 'data:image/png;base64,AAAA' }, childNodes: [] },
    ...extra,
  ] } },
}) as RrwebEvent;

test('finds what a replay loads, and nothing under masked or blocked elements', () => {
  const font = { type: 3, timestamp: 2, data: { source: 10, family: 'F', fontSource: `url("${SITE}/f.woff2")`, buffer: false } } as RrwebEvent;
  const rule = { type: 3, timestamp: 3, data: { source: 8, id: 9, adds: [{ rule: `.x { background: url('${SITE}/bg.png#frag') }` }] } } as RrwebEvent;
  assert.deepEqual([...collectAssetUrls([snapshot(), font, rule])].sort(), [
    `${SITE}/bg.png`, `${SITE}/f.woff2`, `${SITE}/logo.png`, `${SITE}/logo@2x.png`, `${SITE}/site.css`,
  ]);
});

test('captures once per project, content-addressed, with a stylesheet pointing at its captured font', async () => {
  const files: Record<string, { type: string; body: string }> = {
    [`${SITE}/logo.png`]: { type: 'image/png', body: 'logo' },
    [`${SITE}/logo@2x.png`]: { type: 'image/png', body: 'logo' },
    [`${SITE}/site.css`]: { type: 'text/css', body: "@font-face { src: url('fonts/f.woff2') }" },
    [`${SITE}/fonts/f.woff2`]: { type: 'font/woff2', body: 'font' },
  };
  const fetched: string[] = [];
  const library = new AssetLibrary(new FsColdStore(mkdtempSync(join(tmpdir(), 'assets-'))));
  const capture = new AssetCapture(library, {
    allowPrivateHosts: false, maxAssetBytes: 1024, maxAssetsPerSession: 100, maxSessionAssetBytes: 1 << 20, fetchTimeoutMs: 1000, concurrency: 2,
  }, pino({ level: 'silent' }), async (url) => {
    fetched.push(url);
    const file = files[url];
    return file ? { ok: true, bytes: Buffer.from(file.body), type: file.type } : { ok: false, reason: 'answered 404' };
  });
  capture.offer('p1', 's1', [snapshot()]);
  await capture.idle();
  const index = await library.readIndex('p1', 's1');
  assert.deepEqual(Object.keys(index).sort(), [`${SITE}/fonts/f.woff2`, `${SITE}/logo.png`, `${SITE}/logo@2x.png`, `${SITE}/site.css`]);
  assert.equal(index[`${SITE}/logo.png`].hash, index[`${SITE}/logo@2x.png`].hash, 'same bytes, one blob');
  const css = (await library.getBlob('p1', index[`${SITE}/site.css`].hash))!.toString();
  assert.equal(css, `@font-face { src: url('${index[`${SITE}/fonts/f.woff2`].hash}') }`, 'the font by its blob name, relative to where the sheet is served');
  assert.ok(!fetched.includes(`${SITE}/inside-mask.png`) && !fetched.includes(`${SITE}/private.png`));

  const before = fetched.length;
  capture.offer('p1', 's2', [snapshot()]);
  await capture.idle();
  assert.equal(fetched.length, before, 'a second session reuses what was just captured');
  assert.deepEqual(Object.keys(await library.readIndex('p1', 's2')).sort(), Object.keys(index).sort());
  assert.ok(capture.stats.deduplicated >= 4);
  assert.equal(await library.getBlob('p1', 'not-a-hash'), undefined);
  assert.equal(await library.sweepBlobs('p1'), 0, 'every blob is in use');
  await library.deleteSession('p1', 's1');
  await library.deleteSession('p1', 's2');
  assert.equal(await library.sweepBlobs('p1'), 3, 'unused blobs go once no session names them');
});

test('stops at the per-session count cap', async () => {
  const library = new AssetLibrary(new FsColdStore(mkdtempSync(join(tmpdir(), 'assets-'))));
  const fetched: string[] = [];
  const capture = new AssetCapture(library, {
    allowPrivateHosts: false, maxAssetBytes: 1024, maxAssetsPerSession: 2, maxSessionAssetBytes: 1 << 20, fetchTimeoutMs: 1000, concurrency: 1,
  }, pino({ level: 'silent' }), async (url) => (fetched.push(url), { ok: true, bytes: Buffer.from(url), type: 'image/png' }));
  capture.offer('p1', 's1', [snapshot()]);
  await capture.idle();
  assert.equal(fetched.length, 2);
});

test('a flood of new URLs stops at the capture backlog instead of growing without bound', async () => {
  const library = new AssetLibrary(new FsColdStore(mkdtempSync(join(tmpdir(), 'assets-'))));
  const release: (() => void)[] = [];
  const capture = new AssetCapture(library, {
    allowPrivateHosts: false, maxAssetBytes: 1024, maxAssetsPerSession: 10_000, maxSessionAssetBytes: 1 << 30, fetchTimeoutMs: 1000, concurrency: 4,
  }, pino({ level: 'silent' }), (url) => new Promise((resolve) => release.push(() => resolve({ ok: true, bytes: Buffer.from(url), type: 'image/png' }))));
  const images = Array.from({ length: 2_500 }, (_, i) => ({ type: 2, id: 10 + i, tagName: 'img', attributes: { src: `${SITE}/flood/${i}.png` }, childNodes: [] }));
  capture.offer('p1', 's1', [snapshot(images)]);
  assert.equal(capture.stats.skipped, 1, 'the rest of the batch is skipped');
  while (release.length > 0) {
    release.splice(0).forEach((finish) => finish());
    await new Promise((resolve) => setImmediate(resolve));
  }
  await capture.idle();
  assert.equal(Object.keys(await library.readIndex('p1', 's1')).length, 2_000);
});
