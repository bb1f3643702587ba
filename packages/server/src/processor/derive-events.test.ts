import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, type ClickEvent, type ConsoleEvent, type NetworkEvent, type RrwebEvent } from '@gosight/shared';
import { mergeInactiveRanges } from '../pipeline/activity.js';
import { deriveChunkEvents, isActive } from './derive-events.js';

const T = 1_800_000_000_000;
const meta = (t: number, href: string): RrwebEvent => ({ type: EventType.Meta, timestamp: T + t, data: { href, width: 390, height: 844 } });
const full = (t: number): RrwebEvent => ({ type: EventType.FullSnapshot, timestamp: T + t, data: { node: {}, initialOffset: { top: 0, left: 0 } } });
const click = (t: number, x = 100, y = 100, id = 7): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 2, type: 2, id, x, y } });
const mutation = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 0, adds: [], removes: [], texts: [], attributes: [] } });
const move = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 1, positions: [] } });
const scroll = (t: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 3, id: 1, x: 0, y: 10 } });
const ctx = { chunkIndex: 0, previousUrl: '', following: undefined };
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

test('page views are Meta events whose URL changes, across chunks too', () => {
  const r = deriveChunkEvents([meta(0, 'https://a.test/'), full(1), meta(60_000, 'https://a.test/'), full(60_001), meta(90_000, 'https://a.test/b')], ctx);
  assert.deepEqual(r.events.filter((e) => e.kind === 'page_view').map((e) => e.label), ['https://a.test/', 'https://a.test/b']);
  const next = deriveChunkEvents([meta(0, 'https://a.test/b'), full(1)], { ...ctx, chunkIndex: 1, previousUrl: 'https://a.test/b' });
  assert.equal(next.events.length, 0, 'a checkout on the same page is not a page view');
});

test('rage click: 3 clicks within 1 s within 30 px; not when spread out in time or space', () => {
  const rage = deriveChunkEvents([click(0), click(300, 110, 105), click(600, 95, 98), click(700, 102, 101)], { ...ctx, following: [mutation(800)] });
  const r = rage.events.filter((e) => e.kind === 'rage_click') as ClickEvent[];
  assert.equal(r.length, 1);
  assert.equal(r[0].count, 4);
  assert.equal(r[0].timestamp, T);
  assert.equal(rage.events.filter((e) => e.kind === 'click').length, 4, 'each click is still listed');

  const slow = deriveChunkEvents([click(0), click(600), click(1_200)], ctx);
  assert.equal(slow.events.filter((e) => e.kind === 'rage_click').length, 0, 'over 1 s');
  const far = deriveChunkEvents([click(0), click(100, 200, 100), click(200, 300, 100)], ctx);
  assert.equal(far.events.filter((e) => e.kind === 'rage_click').length, 0, 'over 30 px apart');
});

test('a click carries the viewport width it was made at: the Meta\'s, then each resize\'s; a size no screen has is ignored', () => {
  const resize = (t: number, width: unknown): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 4, width, height: 700 } });
  const r = deriveChunkEvents([meta(0, 'https://a.test/'), full(1), click(10), resize(20, 1280), click(30), resize(40, -5), resize(41, 1e308), resize(42, 800.5), click(50)], ctx);
  const clicks = r.events.filter((e) => e.kind === 'click') as ClickEvent[];
  assert.deepEqual(clicks.map((c) => c.viewportWidth), [390, 1280, 1280]);
  const unsized = deriveChunkEvents([click(0)], ctx).events[0] as ClickEvent;
  assert.equal(unsized.viewportWidth, undefined, 'not recorded: not guessed');
  assert.deepEqual(r.scrolls.map((s) => [s.viewportWidth, s.viewportHeight]), [[390, 844]]);
});

test('dead click: no reaction within 2.5 s; a mutation, input or navigation saves it; an unknown window does not judge', () => {
  const dead = deriveChunkEvents([click(0), move(1_000), move(3_000)], ctx);
  assert.deepEqual(kinds(dead.events), ['click', 'dead_click']);
  const alive = deriveChunkEvents([click(0), mutation(2_400), move(3_000)], ctx);
  assert.deepEqual(kinds(alive.events), ['click']);
  const navigated = deriveChunkEvents([click(0), move(100)], { ...ctx, following: [meta(500, 'https://a.test/next'), full(501), move(4_000)] });
  assert.deepEqual(kinds(navigated.events), ['click'], 'the reaction is in the next chunk');
  const tooEarly = deriveChunkEvents([click(0), move(1_000)], ctx);
  assert.deepEqual(kinds(tooEarly.events), ['click'], 'window not over yet: not judged');
  const late = deriveChunkEvents([click(0), mutation(2_600), move(3_000)], ctx);
  assert.deepEqual(kinds(late.events), ['click', 'dead_click'], 'a reaction after 2.5 s is too late');
});

test('console entries: levels, messages from JSON-stringified arguments, stacks; errors are their own kind', () => {
  const plugin = (t: number, level: string, payload: string[], trace: string[] = []): RrwebEvent =>
    ({ type: EventType.Plugin, timestamp: T + t, data: { plugin: 'rrweb/console@1', payload: { level, payload, trace } } });
  const r = deriveChunkEvents([
    plugin(0, 'warn', ['"low stock"', '3']),
    plugin(10, 'error', ['"Checkout failed:"', JSON.stringify({ name: 'TypeError', message: 'x is undefined' })], ['at pay (app.js:10:5)', 'at onClick (app.js:3:1)']),
  ], ctx);
  const [warn, error] = r.events as ConsoleEvent[];
  assert.equal(warn.kind, 'console');
  assert.equal(warn.level, 'warn');
  assert.equal(warn.severity, 'warning');
  assert.equal(warn.message, 'low stock 3');
  assert.equal(error.kind, 'error');
  assert.equal(error.severity, 'error');
  assert.equal(error.message, 'Checkout failed: TypeError: x is undefined');
  assert.equal(error.stack, 'at pay (app.js:10:5)\nat onClick (app.js:3:1)');
});

test('network requests: start time, duration, status; failures are errors', () => {
  const r = deriveChunkEvents([{
    type: EventType.Plugin, timestamp: T + 5_000,
    data: { plugin: 'rrweb/network@1', payload: { requests: [
      { name: 'https://api.test/cart', method: 'post', status: 500, initiatorType: 'fetch', startTime: 1_000, endTime: 1_250, responseHeaders: { 'content-length': '42' } },
      { name: 'https://cdn.test/a.js', initiatorType: 'script', startTime: 10, endTime: 30, status: 200, transferSize: 0, encodedBodySize: 1234 },
    ] } },
  }], ctx);
  const [a, b] = r.events as NetworkEvent[];
  assert.equal(a.request.method, 'POST');
  assert.equal(a.request.status, 500);
  assert.equal(a.request.durationMs, 250);
  assert.equal(a.request.size, 42);
  assert.equal(a.severity, 'error');
  assert.equal(a.timestamp, T + 4_750);
  assert.equal(b.request.type, 'script');
  assert.equal(b.request.size, 1234, 'size from Resource Timing');
  assert.equal(b.severity, 'info');
});

test('custom events keep tag and payload', () => {
  const r = deriveChunkEvents([{ type: EventType.Custom, timestamp: T, data: { tag: 'checkout', payload: { total: 42 } } }], ctx);
  assert.deepEqual(r.events.map((e) => [e.kind, e.label]), [['custom', 'checkout']]);
});

test('inactivity (§6): active = interaction, scroll, input, touch, navigation; ranges over 5 s, within and across chunks', () => {
  assert.equal(isActive(move(0)), false, 'mouse movement alone is not activity');
  assert.equal(isActive(scroll(0)), true);
  const c0 = deriveChunkEvents([meta(0, 'https://a.test/'), full(1), click(1_000), move(4_000), click(12_000), scroll(13_000)], ctx).activity;
  assert.deepEqual(c0.gaps, [{ start: T + 1_000, end: T + 12_000 }]);
  assert.equal(c0.first, T);
  assert.equal(c0.last, T + 13_000);
  const c1 = deriveChunkEvents([move(20_000), click(30_000)], { ...ctx, chunkIndex: 1 }).activity;
  const ranges = mergeInactiveRanges([c0, c1], T, T + 40_000);
  assert.deepEqual(ranges, [
    { start: T + 1_000, end: T + 12_000 },
    { start: T + 13_000, end: T + 30_000 },
    { start: T + 30_000, end: T + 40_000 },
  ]);
  assert.deepEqual(mergeInactiveRanges([c0], T, T + 16_000), [{ start: T + 1_000, end: T + 12_000 }], 'a tail under 5 s is not a range');
  const checkout = deriveChunkEvents([meta(60_000, 'https://a.test/'), full(60_001), click(70_000)], { ...ctx, chunkIndex: 2, previousUrl: 'https://a.test/' }).activity;
  assert.equal(checkout.first, T + 70_000, 'a checkout (Meta on the same page) is not activity');
});

test('hostile values stay bounded and finite in what is derived', () => {
  const huge = 'x'.repeat(1_000_000);
  const events: RrwebEvent[] = [
    meta(0, 'https://a.test/'),
    { type: EventType.IncrementalSnapshot, timestamp: T + 1, data: { source: 2, type: 2, id: 1e308, x: Infinity, y: -1e308 } },
    { type: EventType.Plugin, timestamp: T + 2, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [huge], trace: [huge] } } },
    { type: EventType.Plugin, timestamp: T + 3, data: { plugin: 'rrweb/network@1', payload: { requests: [{
      name: huge, method: 'get', status: 1e21, startTime: -1e308, endTime: 1e308, initiatorType: 'fetch',
      requestHeaders: Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`h${i}`, huge])), responseBody: { big: huge },
    }] } } },
    { type: EventType.Custom, timestamp: T + 4, data: { tag: 'checkout', payload: { blob: huge } } },
  ];
  const { events: derived } = deriveChunkEvents(events, ctx);
  const json = JSON.stringify(derived);
  assert.ok(json.length < 200_000, `derived events stay small (${json.length} characters)`);
  const c = derived.find((e) => e.kind === 'click') as ClickEvent;
  assert.deepEqual([c.x, c.nodeId], [0, 1e308]);
  const err = derived.find((e) => e.kind === 'error') as ConsoleEvent;
  assert.match(err.message, /… \(983616 more characters\)$/);
  const net = derived.find((e) => e.kind === 'network') as NetworkEvent;
  assert.equal(net.request.status, 0, 'a status that is no HTTP status');
  assert.equal(net.request.durationMs, 86_400_000, 'a request lasts at most a day');
  assert.equal(net.timestamp, T + 3 - 86_400_000);
  assert.equal(Object.keys(net.request.requestHeaders!).length, 64);
  assert.equal(typeof net.request.responseBody, 'string', 'an oversized body is kept as cut JSON text');
  for (const e of derived) assert.ok(Number.isFinite(e.timestamp) && e.label.length <= 600, `${e.kind}: finite time, short label`);
});
