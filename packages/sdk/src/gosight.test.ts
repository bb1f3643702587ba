/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, IncrementalSource } from '@gosight/shared';
import { resolveConfig, type GoSightOptions } from './config.js';
import { createGoSight } from './gosight.js';
import { settle } from './test-support/fake-timers.js';
import { createFakeWorld, types } from './test-support/fake-world.js';

const { Meta, FullSnapshot, IncrementalSnapshot, Custom } = EventType;
const MOVE = { source: IncrementalSource.MouseMove, positions: [] };

function setup(options: Partial<GoSightOptions> = {}, world = createFakeWorld()) {
  const resolved = resolveConfig({ endpoint: 'http://h', projectKey: 'k', ...options });
  assert.ok(resolved.ok);
  return { gs: createGoSight(resolved.config, world.deps), world };
}

test('autoStart: false waits for start(); stop() and start() resume the same session', async () => {
  const { gs, world } = setup({ autoStart: false });
  assert.equal(world.rrweb.starts, 0);
  assert.equal(gs.getSessionId(), null);
  gs.start();
  gs.start(); // ignored while recording
  assert.equal(world.rrweb.starts, 1);
  const id = gs.getSessionId();
  assert.ok(id);
  gs.stop();
  assert.equal(gs.getSessionId(), null);
  gs.start();
  assert.equal(world.rrweb.starts, 2);
  assert.equal(gs.getSessionId(), id);
});

test('identify and event become Custom events after the snapshot; bad calls are ignored', async () => {
  const { gs, world } = setup();
  gs.identify('user-1', { plan: 'pro' });
  world.snapshot();
  gs.event('checkout', { step: 2 });
  gs.event('', {});
  gs.identify(undefined as unknown as string);
  world.event(IncrementalSnapshot, MOVE);
  await gs.flush();
  assert.deepEqual(world.sent.map(types), [[Meta, FullSnapshot], [Custom, Custom, IncrementalSnapshot]]);
  assert.deepEqual(world.sent[1].events.slice(0, 2).map((e) => e.data), [
    { tag: '$identify', payload: { userId: 'user-1', traits: { plan: 'pro' } } },
    { tag: 'checkout', payload: { step: 2 } },
  ]);
});

test('calls before start or after stop do not throw and record nothing', async () => {
  const { gs, world } = setup({ autoStart: false });
  gs.event('x', 1);
  gs.identify('u');
  await gs.flush();
  assert.deepEqual(world.attempts, []);
});

test('page hidden: the buffer is cut, sent and parked for the next page', async () => {
  const { world } = setup({}, createFakeWorld({ results: [{ outcome: 'retry' }] }));
  world.snapshot();
  await settle();
  world.event(IncrementalSnapshot, MOVE);
  world.page.hidden = true;
  world.hide();
  await settle();
  assert.ok([...world.tab.map.keys()].some((k) => k.startsWith('gosight.queue.')), 'parked');
  assert.deepEqual(world.attempts.map((b) => b.seq), [0], 'seq 0 failed and waits for its retry');
});

test('pagehide hands everything to the browser; online retries at once', async () => {
  const { world } = setup({}, createFakeWorld({ results: [{ outcome: 'retry' }] }));
  world.snapshot();
  await settle();
  world.online();
  await settle();
  assert.deepEqual(world.sent.map((b) => b.seq), [0]);
  world.event(IncrementalSnapshot, MOVE);
  world.pagehide();
  assert.deepEqual(world.finals.map((b) => [b.seq, types(b)]), [[1, [IncrementalSnapshot]]]);
});

test('batches parked by the previous page are sent first by the next', async () => {
  const page1 = setup();
  page1.world.page.online = false;
  page1.world.snapshot();
  page1.world.event(IncrementalSnapshot, MOVE);
  page1.world.pagehide();
  assert.deepEqual(page1.world.finals, []);
  const page2 = setup({}, createFakeWorld({ tab: page1.world.tab }));
  page2.world.snapshot();
  await settle();
  await settle();
  assert.deepEqual(page2.world.sent.map((b) => b.seq), [0, 1, 2]);
  assert.equal(page2.world.sent[0].sessionId, page2.world.sent[2].sessionId);
});

test('an unsampled session never starts rrweb and has no session id', () => {
  const { gs, world } = setup({ sampleRate: 0 });
  assert.equal(world.rrweb.starts, 0);
  assert.equal(gs.getSessionId(), null);
});

test('flush() resolves once what was recorded is acknowledged, waiting through a retry', async () => {
  const { gs, world } = setup({}, createFakeWorld({ results: [{ outcome: 'ok' }, { outcome: 'retry' }, { outcome: 'ok' }] }));
  world.snapshot();
  await settle();
  world.event(IncrementalSnapshot, MOVE);
  let done = false;
  const flushed = gs.flush().then(() => {
    done = true;
  });
  await settle();
  assert.equal(done, false, 'the batch failed once and waits for its retry');
  assert.deepEqual(world.sent.map((b) => b.seq), [0]);
  world.clock.advance(world.clock.pendingDelays()[0]);
  await flushed;
  assert.deepEqual(world.sent.map((b) => b.seq), [0, 1], 'resolved only after the server acknowledged seq 1');
  assert.equal(await Promise.race([gs.flush().then(() => 'resolved'), settle().then(() => 'pending')]), 'resolved', 'nothing left: resolves at once');
});
