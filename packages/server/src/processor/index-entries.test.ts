import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { deriveChunkEvents } from './derive-events.js';
import { indexChange, indexEntries } from './index-entries.js';

const T = 1_800_000_000_000;
const meta = (t: number, href: string): RrwebEvent => ({ type: EventType.Meta, timestamp: T + t, data: { href, width: 800, height: 600 } });
const click = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 2, type: 2, id: 3, x: 10, y: 20 } });
const request = (t: number, status: number): RrwebEvent => ({
  type: EventType.Plugin, timestamp: T + t,
  data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: 'https://shop.test/api/checkout', method: 'POST', status, initiatorType: 'fetch', startTime: 0, endTime: 5 }] } },
});
const custom = (t: number): RrwebEvent => ({ type: EventType.Custom, timestamp: T + t, data: { tag: 'coupon', payload: { code: 'SAVE', amount: 5, nested: { x: 1 } } } });
const rowsOf = (events: RrwebEvent[]) => indexEntries(deriveChunkEvents(events, { chunkIndex: 0, previousUrl: '', following: undefined }), '');
const entriesOf = (events: RrwebEvent[]) => rowsOf(events).map((r) => r.entry);

test('each moment is indexed with the page it happened on; keys name kind, time and rank', () => {
  const entries = entriesOf([meta(0, 'https://shop.test/'), click(100), click(100), meta(200, 'https://shop.test/checkout'), request(300, 503), custom(400)]);
  const clicks = entries.filter((e) => e.kind === 'click');
  assert.deepEqual(clicks.map((c) => [c.key, c.url]), [[`click:${T + 100}:0`, 'https://shop.test/'], [`click:${T + 100}:1`, 'https://shop.test/']]);
  const net = entries.find((e) => e.kind === 'network')!;
  assert.deepEqual([net.url, net.method, net.status, net.requestUrl], ['https://shop.test/checkout', 'POST', 503, 'https://shop.test/api/checkout']);
  assert.deepEqual(entries.find((e) => e.kind === 'custom')!.props, { code: 'SAVE', amount: '5' }, 'scalar properties, as text');
  assert.deepEqual(entries.filter((e) => e.kind === 'scroll').map((e) => [e.url, e.depth]), [['https://shop.test/', 600], ['https://shop.test/checkout', 600]]);
});

test('a later write sends only new and changed moments, and the keys of moments that left', () => {
  const first = indexChange(rowsOf([meta(0, 'https://shop.test/'), click(100)]), undefined);
  assert.equal(first.change.upserts.length, 3, 'page view, click, scroll depth');
  const same = indexChange(rowsOf([meta(0, 'https://shop.test/'), click(100)]), first.next);
  assert.deepEqual(same.change, { upserts: [], removedKeys: [] }, 'nothing changed, nothing written');
  const grown = indexChange(rowsOf([meta(0, 'https://shop.test/'), click(100), request(200, 200)]), first.next);
  assert.deepEqual(grown.change.upserts.map((e) => e.kind), ['network']);
  const moved = indexChange(rowsOf([click(100), request(200, 200)]), grown.next);
  assert.deepEqual(moved.change.removedKeys.sort(), [`page_view:${T}:0`, `scroll:${T}:0`].sort(), 'the page view moved to the next chunk');
  assert.ok(moved.change.upserts.every((e) => e.kind === 'click' || e.kind === 'network'), 'moments whose page changed are rewritten');
});

test('hostile numbers become whole page pixels the store can hold', () => {
  const huge: RrwebEvent[] = [
    { type: EventType.Meta, timestamp: T, data: { href: 'https://shop.test/', width: 1e308, height: 1e308 } },
    { type: EventType.FullSnapshot, timestamp: T + 1, data: { node: { id: 1, type: 0, childNodes: [] }, initialOffset: { left: 1e308, top: 1e308 } } },
    { type: EventType.IncrementalSnapshot, timestamp: T + 2, data: { source: 2, type: 2, id: 1, x: 1e308, y: -1e308 } },
  ];
  const entries = entriesOf(huge);
  for (const e of entries) {
    for (const n of [e.x, e.y, e.depth, e.viewportWidth, e.viewportHeight]) assert.ok(Number.isInteger(n) && Math.abs(n) <= 10_000_000, `${e.kind}: ${n}`);
  }
  assert.deepEqual(entries.find((e) => e.kind === 'click') && [entries.find((e) => e.kind === 'click')!.x, entries.find((e) => e.kind === 'click')!.y], [10_000_000, 0]);
});
