/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, IncrementalSource } from '@gosight/shared';
import { createClient } from './client.js';
import { resolveConfig, type GoSightOptions } from './config.js';
import { MAX_BATCH_CHARS, SESSION_IDLE_TIMEOUT_MS } from './constants.js';
import { createSendQueue } from './send-queue.js';
import { settle } from './test-support/fake-timers.js';
import { createFakeWorld, types } from './test-support/fake-world.js';

const { Meta, FullSnapshot, IncrementalSnapshot, Custom, Plugin } = EventType;
const MOVE = { source: IncrementalSource.MouseMove, positions: [] };
const MUTATION = { source: IncrementalSource.Mutation, adds: [], removes: [], texts: [], attributes: [] };

/** A recording over a fake world, with a real send queue. */
function harness(options: Partial<GoSightOptions> = {}, world = createFakeWorld()) {
  const resolved = resolveConfig({ endpoint: 'http://h', projectKey: 'k', ...options });
  assert.ok(resolved.ok);
  const queue = createSendQueue({
    transport: world.deps.transport, persistence: world.deps.persistence, timers: world.clock, now: world.clock.now,
    random: () => 1, isOnline: () => true, maxPendingBatches: 100, maxQueueChars: 5e6, log: world.deps.log,
  });
  const client = createClient(resolved.config, { ...world.deps, queue });
  return { client, queue, world };
}

test('flushes at maxBatchEvents with increasing seq', async () => {
  const { world } = harness({ maxBatchEvents: 3 });
  for (let i = 0; i < 6; i++) world.event(IncrementalSnapshot, MOVE);
  await settle();
  assert.deepEqual(world.sent.map((b) => [b.seq, b.events.length]), [[0, 3], [1, 3]]);
});

test('the first Meta + FullSnapshot go at once as their own batch; a checkout starts a new batch', async () => {
  const { world } = harness();
  world.snapshot();
  world.event(IncrementalSnapshot, MOVE);
  world.event(IncrementalSnapshot, MOVE);
  world.rrweb.emit?.({ type: Meta, data: { href: 'http://site/', width: 1, height: 1 }, timestamp: world.clock.now() }, true);
  world.rrweb.emit?.({ type: FullSnapshot, data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } }, timestamp: world.clock.now() }, true);
  world.event(IncrementalSnapshot, MOVE);
  world.clock.advance(5000); // the flush timer
  await settle();
  assert.deepEqual(world.sent.map(types), [[Meta, FullSnapshot], [IncrementalSnapshot, IncrementalSnapshot], [Meta, FullSnapshot], [IncrementalSnapshot]]);
  assert.deepEqual(world.sent.map((b) => b.seq), [0, 1, 2, 3]);
});

test('a burst larger than the size cap is split into several batches', async () => {
  const { world } = harness();
  const big = 'x'.repeat(MAX_BATCH_CHARS / 4);
  for (let i = 0; i < 10; i++) world.event(IncrementalSnapshot, { ...MUTATION, texts: [{ id: i, value: big }] });
  world.clock.advance(5000);
  await settle();
  assert.ok(world.sent.length >= 3, `${world.sent.length} batches`);
  for (const batch of world.sent) assert.ok(JSON.stringify(batch).length <= MAX_BATCH_CHARS + 2000);
  assert.equal(world.sent.reduce((n, b) => n + b.events.length, 0), 10);
});

test('an event too large to send is dropped and counted in the next batch', async () => {
  const { world, client } = harness();
  world.event(IncrementalSnapshot, { ...MUTATION, texts: [{ id: 1, value: 'x'.repeat(6 * 1024 * 1024) }] });
  world.event(IncrementalSnapshot, MOVE);
  await client.flush();
  assert.equal(world.sent.length, 1);
  assert.equal(world.sent[0].droppedEvents, 1);
  assert.deepEqual(types(world.sent[0]), [IncrementalSnapshot]);
});

test('privacy filters run before serialization', async () => {
  const { world, client } = harness();
  world.rrweb.emit?.({ type: Meta, data: { href: 'http://site/reset?token=abc', width: 1, height: 1 }, timestamp: 1 });
  world.event(Plugin, { plugin: 'rrweb/network@1', payload: { requests: [{ name: '/x?api_key=k', requestHeaders: { Authorization: 'Bearer b' } }] } });
  await client.flush();
  const json = JSON.stringify(world.sent);
  assert.ok(!json.includes('abc') && !json.includes('Bearer'), json);
  assert.ok(json.includes('token=REDACTED'));
});

test('custom events wait for the first full snapshot, then follow it', async () => {
  const { world, client } = harness();
  client.addCustomEvent({ type: Custom, data: { tag: 'early', payload: null }, timestamp: world.clock.now() });
  world.snapshot();
  world.event(IncrementalSnapshot, MOVE);
  await client.flush();
  assert.deepEqual(world.sent.map(types), [[Meta, FullSnapshot], [Custom, IncrementalSnapshot]]);
});

test('after 30 minutes idle: background events are skipped, and the next activity starts a new session with its own snapshot', async () => {
  const { world, client } = harness();
  world.snapshot();
  world.event(IncrementalSnapshot, MOVE);
  const first = client.sessionId;
  world.clock.advance(SESSION_IDLE_TIMEOUT_MS + 1000);
  world.event(IncrementalSnapshot, MUTATION); // a ticking clock, nobody watching
  assert.equal(client.stats.skippedIdle, 1);
  world.event(IncrementalSnapshot, MOVE); // the person is back
  assert.notEqual(client.sessionId, first);
  assert.equal(world.rrweb.checkouts, 1);
  await client.flush();
  await settle();
  const bySession = (id: string) => world.sent.filter((b) => b.sessionId === id);
  assert.deepEqual(bySession(first).map((b) => b.seq), [0, 1]);
  assert.deepEqual(bySession(client.sessionId).map((b) => [b.seq, types(b)]), [[0, [Meta, FullSnapshot]], [1, [IncrementalSnapshot]]]);
});

test('an unsampled session records nothing', async () => {
  const world = createFakeWorld({ random: () => 0.9 });
  const { client } = harness({ sampleRate: 0.5 }, world);
  assert.equal(world.rrweb.starts, 0);
  assert.equal(client.recording, false);
});

test('the next page of a tab keeps the session id and continues seq', async () => {
  const page1 = harness();
  page1.world.snapshot();
  await settle();
  page1.world.event(IncrementalSnapshot, MOVE);
  page1.client.cut();
  page1.queue.sendAllFinal();
  const page2 = harness({}, createFakeWorld({ tab: page1.world.tab }));
  page2.world.snapshot();
  await settle();
  assert.equal(page2.client.sessionId, page1.client.sessionId);
  assert.deepEqual([...page1.world.sent, ...page1.world.finals].map((b) => b.seq), [0, 1]);
  assert.deepEqual(page2.world.sent.map((b) => b.seq), [2]);
});

test('stop ends recording and the timer, and cuts what is left', async () => {
  const { world, client } = harness();
  world.event(IncrementalSnapshot, MOVE);
  client.stop();
  world.event(IncrementalSnapshot, MOVE); // ignored after stop
  await settle();
  assert.equal(client.stopped, true);
  assert.equal(world.rrweb.stops, 1);
  assert.equal(world.sent.length, 1);
  assert.equal(world.sent[0].events.length, 1);
  client.stop(); // harmless
});

test('a recorder that cannot start leaves a stopped client', () => {
  const { client } = harness({}, createFakeWorld({ recordFails: true }));
  assert.equal(client.stopped, true);
});

test('a new session after a timeout starts with the last identify again', async () => {
  const { world, client } = harness();
  world.snapshot();
  client.addCustomEvent({ type: Custom, data: { tag: '$identify', payload: { userId: 'u1', traits: {} } }, timestamp: world.clock.now() });
  world.clock.advance(SESSION_IDLE_TIMEOUT_MS + 1);
  world.event(IncrementalSnapshot, MOVE);
  await client.flush();
  await settle();
  const second = world.sent.filter((b) => b.sessionId === client.sessionId);
  assert.deepEqual(second.map(types), [[Meta, FullSnapshot], [Custom, IncrementalSnapshot]]);
  assert.deepEqual(second[1].events[0].data, { tag: '$identify', payload: { userId: 'u1', traits: {} } });
});
