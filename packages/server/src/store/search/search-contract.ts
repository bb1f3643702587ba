import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SessionSearch } from '@gosight/shared';
import type { ChunkStore, SessionRecord, StoredChunk } from '../chunk-store.js';
import type { IndexedEvent } from '../event-index.js';

// Recent times: rows older than the 90-day TTL may vanish at any merge.
const T0 = Date.now() - 60 * 60_000;

const moment = (over: Partial<IndexedEvent> & Pick<IndexedEvent, 'kind' | 'timestamp'>): IndexedEvent => ({
  key: `${over.kind}:${over.timestamp}:0`, url: 'https://shop.test/', label: '', text: '', tag: '', elementId: '', classes: [],
  ariaLabel: '', selector: '', x: 0, y: 0, viewportWidth: 0, viewportHeight: 0, depth: 0, level: '', method: '', status: 0,
  requestUrl: '', props: {}, ...over,
});

/**
 * Search by what happened, run through every store: the same moments and the same queries
 * must find the same sessions, each with the same reasons.
 */
export function runSearchContract(name: string, store: () => Promise<ChunkStore>): void {
  test(`${name}: search finds sessions by clicked element, pages in order, errors, requests, custom events, identity and device`, async () => {
    const s = await store();
    const projectId = `search-${randomUUID()}`;
    const [shop, blog, phone] = [randomUUID(), randomUUID(), randomUUID()];
    await s.writeSessions([
      record(projectId, shop, { pageUrls: ['https://shop.test/', 'https://shop.test/cart', 'https://shop.test/checkout'], browser: 'Chrome', os: 'Linux', deviceClass: 'desktop', viewportWidth: 1280 }),
      record(projectId, blog, { startedAt: T0 + 1, pageUrls: ['https://shop.test/checkout', 'https://shop.test/blog/post-1', 'https://shop.test/cart'], browser: 'Firefox', os: 'Windows', deviceClass: 'desktop', viewportWidth: 1440, deadClickCount: 1 }),
      record(projectId, phone, { startedAt: T0 + 2, pageUrls: ['https://shop.test/product/42'], browser: 'Safari', os: 'iOS', deviceClass: 'mobile', viewportWidth: 390, rageClickCount: 1 }),
    ]);
    await s.writeChunks([
      chunk(projectId, shop, 0, [
        moment({ kind: 'page_view', timestamp: T0 + 1_000, url: 'https://shop.test/cart', label: 'https://shop.test/cart' }),
        moment({ kind: 'page_view', timestamp: T0 + 5_000, url: 'https://shop.test/checkout', label: 'https://shop.test/checkout' }),
        moment({ kind: 'click', timestamp: T0 + 6_000, url: 'https://shop.test/checkout', label: 'Click on Pay now', text: 'Pay now', tag: 'button', elementId: 'pay',
          classes: ['btn', 'primary'], ariaLabel: 'Pay for your order', selector: 'html > body > form#checkout.card > button#pay.btn.primary', x: 100, y: 900 }),
        moment({ kind: 'network', timestamp: T0 + 6_100, label: 'POST /api/checkout 503', method: 'POST', status: 503, requestUrl: 'https://shop.test/api/checkout' }),
        moment({ kind: 'error', timestamp: T0 + 6_200, label: 'Payment failed', text: 'Payment failed: gateway timeout', level: 'error' }),
        moment({ kind: 'custom', timestamp: T0 + 6_300, label: 'checkout_failed', text: 'checkout_failed', props: { reason: 'gateway', step: '3' } }),
        moment({ kind: 'identify', timestamp: T0 + 500, label: 'Identified as user-7', text: 'user-7', props: { plan: 'pro' } }),
      ]),
    ]);
    await s.writeChunks([
      chunk(projectId, blog, 0, [
        moment({ kind: 'page_view', timestamp: T0 + 1_000, url: 'https://shop.test/checkout', label: 'https://shop.test/checkout' }),
        moment({ kind: 'click', timestamp: T0 + 2_000, label: 'Click on Read more', text: 'Read more', tag: 'a', classes: ['more'], selector: 'html > body > article > a.more' }),
        moment({ kind: 'dead_click', timestamp: T0 + 2_000, label: 'Dead click on Read more', text: 'Read more', tag: 'a', classes: ['more'], selector: 'html > body > article > a.more' }),
        moment({ kind: 'console', timestamp: T0 + 2_500, label: 'Deprecated API', text: 'Deprecated API used', level: 'warn' }),
        moment({ kind: 'network', timestamp: T0 + 3_000, label: 'GET /api/checkout 200', method: 'GET', status: 200, requestUrl: 'https://shop.test/api/checkout' }),
      ]),
      chunk(projectId, blog, 1, [
        moment({ kind: 'page_view', timestamp: T0 + 31_000, url: 'https://shop.test/cart', label: 'https://shop.test/cart' }),
      ]),
      chunk(projectId, phone, 0, [
        moment({ kind: 'rage_click', timestamp: T0 + 3_000, label: 'Rage click: 4 clicks on Add to cart', text: 'Add to cart', tag: 'button' }),
        moment({ kind: 'click', timestamp: T0 + 3_000, label: 'Click on Add to cart', text: 'Add to cart', tag: 'button', classes: ['add'] }),
        moment({ kind: 'custom', timestamp: T0 + 3_500, label: 'checkout_failed', text: 'checkout_failed', props: { reason: 'stock' } }),
      ]),
    ]);
    const find = async (q: SessionSearch & { hasErrors?: boolean; hasRageClicks?: boolean }) =>
      (await s.listSessions(projectId, { limit: 10, offset: 0, sort: 'oldest', ...q })).sessions;
    const ids = async (q: SessionSearch) => (await find(q)).map((x) => x.sessionId);

    assert.deepEqual(await ids({ click: { text: 'pay NOW' } }), [shop], 'text, any case');
    assert.deepEqual(await ids({ click: { id: 'pay' } }), [shop]);
    assert.deepEqual(await ids({ click: { className: 'more' } }), [blog]);
    assert.deepEqual(await ids({ click: { label: 'your order' } }), [shop]);
    assert.deepEqual(await ids({ click: { selector: 'form#checkout > .primary' } }), [shop]);
    assert.deepEqual(await ids({ click: { selector: 'article a' } }), [blog]);
    assert.deepEqual(await ids({ click: { text: 'Pay', id: 'more' } }), [], 'every part holds for the same click');
    assert.deepEqual(await ids({ visited: ['/cart', '/checkout'] }), [shop], 'cart then checkout');
    assert.deepEqual(await ids({ visited: ['/checkout', '/cart'] }), [blog], 'checkout then cart');
    assert.deepEqual(await ids({ visited: ['https://shop.test/product/*'] }), [phone], 'wildcard pattern');
    assert.deepEqual(await ids({ error: 'gateway' }), [shop]);
    assert.deepEqual(await ids({ warning: 'deprecated' }), [blog]);
    assert.deepEqual(await ids({ error: 'deprecated' }), [], 'a warning is not an error');
    assert.deepEqual(await ids({ request: { url: '/api/checkout', status: { min: 500, max: 599 } } }), [shop], 'any 5xx on /api/checkout');
    assert.deepEqual(await ids({ request: { url: '/api/checkout' } }), [shop, blog]);
    assert.deepEqual(await ids({ request: { method: 'GET', status: { min: 500, max: 599 } } }), [], 'method and status of the same request');
    assert.deepEqual(await ids({ event: { name: 'checkout_failed' } }), [shop, phone]);
    const past = await s.listSessions(projectId, { limit: 10, offset: 10, event: { name: 'checkout_failed' } });
    assert.deepEqual([past.sessions.length, past.total], [0, 2], 'a page past the end still counts the matches');
    assert.deepEqual(await ids({ event: { name: 'checkout_failed', prop: { key: 'reason', value: 'stock' } } }), [phone]);
    assert.deepEqual(await ids({ userId: 'user-7' }), [shop]);
    assert.deepEqual(await ids({ trait: { key: 'plan', value: 'pro' } }), [shop]);
    assert.deepEqual(await ids({ browser: 'firefox' }), [blog]);
    assert.deepEqual(await ids({ os: 'ios' }), [phone]);
    assert.deepEqual(await ids({ device: 'mobile' }), [phone]);
    assert.deepEqual(await ids({ minViewportWidth: 1300 }), [blog]);
    assert.deepEqual(await ids({ maxViewportWidth: 1300 }), [shop, phone]);
    assert.deepEqual(await ids({ hasDeadClicks: true }), [blog]);
    assert.deepEqual(await ids({ device: 'desktop', click: { text: 'read' }, warning: 'api' }), [blog], 'filters combine');

    const [hit] = await find({ click: { id: 'pay' }, request: { status: { min: 500, max: 599 } }, visited: ['/cart', '/checkout'], event: { name: 'checkout_failed' } });
    assert.deepEqual(hit.matches, [
      { filter: 'click', label: 'Click on Pay now', timestamp: T0 + 6_000, chunkIndex: 0 },
      { filter: 'visited', label: 'https://shop.test/checkout', timestamp: T0 + 5_000, chunkIndex: 0 },
      { filter: 'request', label: 'POST /api/checkout 503', timestamp: T0 + 6_100, chunkIndex: 0 },
      { filter: 'event', label: 'checkout_failed', timestamp: T0 + 6_300, chunkIndex: 0 },
    ]);
    const [back] = await find({ visited: ['/checkout', '/cart'] });
    assert.deepEqual(back.matches, [{ filter: 'visited', label: 'https://shop.test/cart', timestamp: T0 + 31_000, chunkIndex: 1 }], 'the page view that completes the sequence');
    const [rage] = await find({ hasRageClicks: true });
    assert.deepEqual(rage.matches?.map((m) => [m.filter, m.label]), [['rageClick', 'Rage click: 4 clicks on Add to cart']]);
    assert.equal((await find({}))[0].matches, undefined, 'no search, no reasons');
    assert.deepEqual([(await find({ os: 'iOS' }))[0].browser, (await find({ os: 'iOS' }))[0].deviceClass], ['Safari', 'mobile']);
  });

  test(`${name}: a chunk's later writes replace and remove its moments`, async () => {
    const s = await store();
    const projectId = `search-rewrite-${randomUUID()}`;
    const id = randomUUID();
    await s.writeSessions([record(projectId, id, {})]);
    const dead = moment({ kind: 'dead_click', timestamp: T0 + 1_000, label: 'Dead click on Help', text: 'Help' });
    const view = moment({ kind: 'page_view', timestamp: T0 + 2_000, url: 'https://shop.test/moved' });
    await s.writeChunks([chunk(projectId, id, 0, [dead, view, moment({ kind: 'error', timestamp: T0 + 3_000, text: 'first message' })], 1)]);
    const changed = moment({ kind: 'error', timestamp: T0 + 3_000, text: 'second message', label: 'second message' });
    const odd = moment({ kind: 'custom', timestamp: T0 + 4_000, text: 'odd', props: { half: 'a\ud800b', escaped: 'c\\ud800d' } });
    await s.writeChunks([{ ...chunk(projectId, id, 0, [], 2), indexChange: { upserts: [changed, odd], removedKeys: [dead.key, view.key] } }]);
    const stored = (await s.sessionMoments(projectId, id)).find((m) => m.kind === 'custom');
    assert.deepEqual(stored?.props, { half: 'a\ufffdb', escaped: 'c\\ud800d' }, 'a lone surrogate in a property is stored as U+FFFD; an escaped backslash is kept');
    const ids = async (q: SessionSearch) => (await s.listSessions(projectId, { limit: 10, offset: 0, ...q })).sessions.map((x) => x.sessionId);
    assert.deepEqual(await ids({ error: 'second' }), [id]);
    assert.deepEqual(await ids({ error: 'first' }), [], 'a changed moment is replaced');
    assert.deepEqual(await ids({ click: { text: 'help' } }), [], 'a removed moment is gone');
    const [row] = (await s.listSessions(projectId, { limit: 10, offset: 0, error: 'message' })).sessions;
    assert.deepEqual(row.matches?.map((m) => m.label), ['second message']);
    await s.deleteSession(projectId, id);
    await s.writeSessions([record(projectId, id, { version: 99 })]);
    assert.deepEqual(await ids({ error: 'second' }), [], 'deleting a session deletes its moments');
  });
}

/** Page maps: the same known moments give the same aggregates in every store. */
export function runPageMapContract(name: string, store: () => Promise<ChunkStore>): void {
  test(`${name}: a page map counts clicks per square, the deepest scroll per session, the most clicked elements, and picks a page view to draw on`, async () => {
    const s = await store();
    const projectId = `map-${randomUUID()}`;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const page = 'https://shop.test/pricing';
    await s.writeSessions([
      record(projectId, a, { deviceClass: 'desktop' }), record(projectId, b, { deviceClass: 'desktop' }), record(projectId, c, { deviceClass: 'mobile' }),
    ]);
    const click = (t: number, x: number, y: number, kind: 'click' | 'rage_click' | 'dead_click' = 'click', selector = 'html > body > a#buy', viewportWidth = 1280) =>
      moment({ kind, timestamp: T0 + t, url: page, x, y, selector, tag: 'a', elementId: 'buy', text: 'Buy', viewportWidth });
    await s.writeChunks([
      chunk(projectId, a, 0, [
        moment({ kind: 'page_view', timestamp: T0 + 1, url: page, viewportWidth: 1280, viewportHeight: 800 }),
        click(10, 101, 205), click(20, 109, 209), click(20, 104, 201, 'rage_click'), click(30, 300, 1_500, 'click', 'html > body > p'),
        moment({ kind: 'scroll', timestamp: T0 + 2, url: page, depth: 2_450, viewportHeight: 800, viewportWidth: 1280 }),
        moment({ kind: 'click', timestamp: T0 + 40, url: 'https://shop.test/other', x: 5, y: 5 }),
      ]),
      chunk(projectId, a, 1, [moment({ kind: 'scroll', timestamp: T0 + 31_000, url: page, depth: 900, viewportHeight: 800, viewportWidth: 1280 })]),
      chunk(projectId, b, 0, [
        moment({ kind: 'page_view', timestamp: T0 + 5, url: `${page}?ref=ad`, viewportWidth: 1280, viewportHeight: 700 }),
        click(50, 100, 200), click(50, 100, 200, 'dead_click'),
        moment({ kind: 'scroll', timestamp: T0 + 6, url: `${page}?ref=ad`, depth: 700, viewportHeight: 700, viewportWidth: 1280 }),
      ]),
      chunk(projectId, c, 0, [
        moment({ kind: 'page_view', timestamp: T0 + 9, url: page, viewportWidth: 390, viewportHeight: 844 }),
        click(60, 50, 60, 'click', 'html > body > a#buy', 390),
        moment({ kind: 'scroll', timestamp: T0 + 10, url: page, depth: 844, viewportHeight: 844, viewportWidth: 390 }),
      ]),
    ]);
    const map = await s.pageMap(projectId, { url: '/pricing' });
    assert.equal(map.sessions, 3);
    assert.deepEqual(map.clicks, [
      { x: 100, y: 200, clicks: 3, rageClicks: 1, deadClicks: 1 },
      { x: 50, y: 60, clicks: 1, rageClicks: 0, deadClicks: 0 },
      { x: 300, y: 1_500, clicks: 1, rageClicks: 0, deadClicks: 0 },
    ]);
    assert.equal(map.scrollSessions, 3);
    assert.deepEqual(map.scroll.filter((r) => r.depth % 700 === 0 || r.depth === 2_400).map((r) => [r.depth, r.sessions]), [[0, 3], [700, 3], [1_400, 1], [2_100, 1], [2_400, 1]]);
    assert.equal(map.scroll.at(-1)?.depth, 2_400, 'down to the deepest step anyone reached');
    assert.equal(map.scroll.find((r) => r.depth === 800)?.share, 2 / 3);
    assert.deepEqual(map.topElements.map((e) => [e.selector, e.clicks, e.rageClicks, e.deadClicks, e.sessions]), [
      ['html > body > a#buy', 4, 1, 1, 3], ['html > body > p', 1, 0, 0, 1],
    ]);
    assert.deepEqual(map.snapshot, { sessionId: b, chunkIndex: 0, timestamp: T0 + 5, viewportWidth: 1280, viewportHeight: 700 }, 'the latest view at the most common width');
    assert.deepEqual(map.widths, [{ width: 1280, sessions: 2 }, { width: 390, sessions: 1 }]);
    // One layout: the page views, clicks and scrolls at the widths asked for; the widths on offer stay all of them.
    const wide = await s.pageMap(projectId, { url: '/pricing', minViewportWidth: 1000, maxViewportWidth: 1300 });
    assert.deepEqual([wide.sessions, wide.clicks.reduce((n, b2) => n + b2.clicks, 0), wide.scrollSessions, wide.snapshot?.sessionId, wide.widths.length], [2, 4, 2, b, 2]);
    const narrow = await s.pageMap(projectId, { url: '/pricing', maxViewportWidth: 390 });
    assert.deepEqual([narrow.sessions, narrow.clicks, narrow.scrollSessions, narrow.snapshot?.sessionId], [1, [{ x: 50, y: 60, clicks: 1, rageClicks: 0, deadClicks: 0 }], 1, c]);
    assert.equal((await s.pageMap(projectId, { url: '/pricing', minViewportWidth: 391, maxViewportWidth: 1279 })).sessions, 0);
    const desktop = await s.pageMap(projectId, { url: '/pricing', device: 'desktop' });
    assert.deepEqual([desktop.sessions, desktop.clicks.reduce((n, b2) => n + b2.clicks, 0)], [2, 4]);
    const early = await s.pageMap(projectId, { url: 'https://shop.test/pricing', from: T0, to: T0 + 25 });
    assert.deepEqual([early.sessions, early.clicks.map((b2) => b2.clicks)], [3, [2]], 'a wildcard-free pattern is a part of the URL; times bound the moments');
    const none = await s.pageMap(projectId, { url: '/nowhere' });
    assert.deepEqual([none.sessions, none.clicks, none.scroll, none.widths, none.snapshot], [0, [], [], [], undefined]);
    const moments = await s.sessionMoments(projectId, a);
    assert.deepEqual(moments.map((m) => [m.kind, m.chunkIndex]), [
      ['page_view', 0], ['scroll', 0], ['click', 0], ['click', 0], ['rage_click', 0], ['click', 0], ['click', 0], ['scroll', 1],
    ]);
  });
}

function record(projectId: string, sessionId: string, over: Partial<SessionRecord>): SessionRecord {
  return {
    projectId, sessionId, startedAt: T0, endedAt: T0 + 60_000, durationMs: 60_000, firstUrl: 'https://shop.test/', pageCount: 1, clickCount: 1,
    errorCount: 0, rageClickCount: 0, deadClickCount: 0, eventCount: 10, chunkCount: 1, userAgent: 'test', viewportWidth: 1024, viewportHeight: 768,
    pageUrls: ['https://shop.test/'], version: 1, ...over,
  };
}

function chunk(projectId: string, sessionId: string, index: number, moments: IndexedEvent[], version = 1): StoredChunk {
  return {
    projectId, sessionId, index, timestampStart: T0 + index * 30_000, timestampEnd: T0 + index * 30_000 + 29_000, newSegments: [{ id: version, bytes: Buffer.from('x') }],
    segmentIds: [version], dataCrc: 0, dataSize: 2, compressedSize: 21, eventCount: 1, hasFullSnapshot: true, hasErrors: false, hasNetwork: false,
    batchSeqs: [0], clickCount: 0, errorCount: 0, rageClickCount: 0, deadClickCount: 0, pageUrls: [], viewportWidth: 0, viewportHeight: 0,
    userAgent: '', userId: '', derivedEvents: [], activity: { gaps: [] }, version, indexChange: { upserts: moments, removedKeys: [] },
  };
}
