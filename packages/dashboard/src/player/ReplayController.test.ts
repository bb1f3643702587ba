import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, type ChunkMeta, type ReplayManifest, type RrwebEvent } from '@gosight/shared';
import type { LoadingPolicy } from './controllerDeps.js';
import { ReplayController } from './ReplayController.js';
import type { ReplayerLike } from './ReplayerLike.js';

const START = 1_700_000_000_000;
const CHUNK_MS = 10_000;
const CHUNKS = 6;

/** Chunks of ten seconds, each opening with Meta + FullSnapshot, as the processor writes them. */
const chunkEvents = (index: number): RrwebEvent[] => {
  const base = START + index * CHUNK_MS;
  return [
    { type: EventType.Meta, data: { href: 'http://x/', width: 1024, height: 600 }, timestamp: base },
    { type: EventType.FullSnapshot, data: {}, timestamp: base + 1 },
    { type: EventType.IncrementalSnapshot, data: {}, timestamp: base + 5_000 },
    { type: EventType.IncrementalSnapshot, data: {}, timestamp: base + 9_000 },
  ];
};

const chunkMeta = (index: number): ChunkMeta => ({
  index,
  timestampStart: START + index * CHUNK_MS,
  timestampEnd: START + index * CHUNK_MS + 9_000,
  dataSize: 100,
  compressedSize: 40,
  eventCount: 4,
  hasFullSnapshot: true,
  hasErrors: false,
  hasNetwork: false,
});

const manifest: ReplayManifest = {
  sessionId: 's1',
  projectId: 'p1',
  startedAt: START,
  endedAt: START + (CHUNKS - 1) * CHUNK_MS + 9_000,
  durationMs: (CHUNKS - 1) * CHUNK_MS + 9_000,
  chunks: Array.from({ length: CHUNKS }, (_, index) => chunkMeta(index)),
};

/** Stands in for rrweb's Replayer: records calls; `time` is its clock, relative to its first event. */
class FakeReplayer implements ReplayerLike {
  readonly calls: string[] = [];
  readonly added: RrwebEvent[] = [];
  readonly handlers = new Map<string, (payload?: unknown) => void>();
  time = 0;
  speed: number;
  destroyed = false;
  readonly iframe = { tagName: 'IFRAME' } as HTMLIFrameElement;

  constructor(
    readonly initialEvents: RrwebEvent[],
    initialSpeed: number,
  ) {
    this.speed = initialSpeed;
  }
  /** Index of the chunk this replayer was opened on. */
  get chunk(): number {
    return (this.initialEvents[0].timestamp - START) / CHUNK_MS;
  }
  play(offsetMs = 0) {
    this.calls.push(`play(${offsetMs})`);
    this.time = offsetMs;
  }
  pause(offsetMs?: number) {
    this.calls.push(offsetMs === undefined ? 'pause()' : `pause(${offsetMs})`);
    if (offsetMs !== undefined) this.time = offsetMs;
  }
  getCurrentTime() {
    return this.time;
  }
  setConfig(config: { speed: number }) {
    this.speed = config.speed;
  }
  on(event: string, handler: (payload?: unknown) => void) {
    this.handlers.set(event, handler);
    return this;
  }
  addEvent(event: RrwebEvent) {
    this.added.push(event);
  }
  destroy() {
    this.destroyed = true;
  }
  emit(event: string, payload?: unknown) {
    this.handlers.get(event)?.(payload);
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

const POLICY: LoadingPolicy = {
  retries: 0,
  retryDelayMs: 0,
  preloadAhead: 2,
  keepBehind: 1,
  maxCachedChunks: 5,
  maxWindowChunks: 3,
  tickIntervalMs: 100,
};

function setup(options: { manifestError?: Error; autoAnswer?: boolean } = {}) {
  const answers = new Map<number, { resolve: (events: RrwebEvent[]) => void; reject: (error: Error) => void }>();
  const requested: number[] = [];
  const replayers: FakeReplayer[] = [];
  let tick: (() => void) | null = null;
  const controller = new ReplayController({
    sessionId: 's1',
    root: {} as HTMLElement,
    fetchManifest: async (sessionId) => {
      assert.equal(sessionId, 's1');
      if (options.manifestError) throw options.manifestError;
      return manifest;
    },
    fetchChunk: (_sessionId, index) =>
      new Promise<RrwebEvent[]>((resolve, reject) => {
        requested.push(index);
        if (options.autoAnswer) resolve(chunkEvents(index));
        else answers.set(index, { resolve, reject });
      }),
    createReplayer: (events, _root, speed) => {
      const replayer = new FakeReplayer(events, speed);
      replayers.push(replayer);
      return replayer;
    },
    afterPaint: () => Promise.resolve(),
    every: (intervalMs, fn) => {
      assert.equal(intervalMs, 100);
      tick = fn;
      return () => {
        if (tick === fn) tick = null;
      };
    },
    loading: POLICY,
  });
  const answer = async (...indices: number[]) => {
    for (const index of indices) answers.get(index)?.resolve(chunkEvents(index));
    await flush();
  };
  const current = () => replayers[replayers.length - 1];
  /** Moves rrweb's clock to session offset `offsetMs` (it runs 1 ms ahead of the frame: ReplayWindow) and runs one playback tick. */
  const playTo = async (offsetMs: number) => {
    current().time = offsetMs - current().chunk * CHUNK_MS + 1;
    tick?.();
    await flush();
  };
  const ready = async () => {
    const loaded = controller.load();
    await flush();
    await answer(0);
    await loaded;
  };
  return { controller, requested, answer, answers, replayers, current, playTo, ready, ticking: () => tick !== null };
}

test('shows the first chunk after fetching only it, then preloads the next two', async () => {
  const { controller, requested, answer, current } = setup();
  const loaded = controller.load();
  await flush();
  assert.equal(controller.getSnapshot().state, 'loading');
  assert.equal(controller.getSnapshot().totalChunks, CHUNKS);
  assert.deepEqual(requested, [0]);

  await answer(0);
  await loaded;
  const snapshot = controller.getSnapshot();
  assert.equal(snapshot.state, 'ready');
  assert.equal(snapshot.ready, true);
  assert.deepEqual(current().initialEvents, chunkEvents(0));
  // Offset 0 is aimed just past the first FullSnapshot (+1 ms) so rrweb draws it.
  assert.deepEqual(current().calls, ['pause(2)']);
  assert.equal(controller.currentTime(), 0);
  assert.deepEqual(requested, [0, 1, 2], 'preloads two ahead, nothing else');
  assert.deepEqual(snapshot.chunks[3], { index: 3, startMs: 30_000, endMs: 39_000 });

  await answer(1, 2);
  assert.deepEqual(controller.getSnapshot().cachedChunks, [0, 1, 2]);
  assert.equal(controller.getSnapshot().chunkFetches, 3);
});

test('a seek far ahead fetches only the chunk holding the target and replays from its snapshot', async () => {
  const { controller, requested, answer, replayers, current, ready } = setup();
  await ready();
  await answer(1, 2);

  const seek = controller.seek(45_000);
  await flush();
  assert.deepEqual(requested, [0, 1, 2, 4], 'only chunk 4, not 3');
  assert.equal(controller.getSnapshot().positionMs, 45_000, 'the target shows at once');
  await answer(4);
  await seek;
  assert.equal(replayers.length, 2);
  assert.equal(replayers[0].destroyed, true, 'the old replayer is gone');
  assert.equal(current().chunk, 4);
  // rrweb counts from the new replayer's first event (40 000).
  assert.deepEqual(current().calls, ['pause(5001)']);
  assert.equal(controller.currentTime(), 45_000);
  assert.equal(controller.getSnapshot().state, 'paused');
  assert.deepEqual(requested, [0, 1, 2, 4, 5], 'then preloads what follows');

  // A seek inside the chunks held needs no fetch, but rebuilds from the chunk's snapshot:
  // rrweb's catch-up inside a replayer that already played leaves stale state behind.
  const fetches = requested.length;
  await controller.seek(41_000);
  assert.equal(requested.length, fetches, 'no fetch');
  assert.equal(replayers.length, 3);
  assert.equal(replayers[1].destroyed, true);
  assert.deepEqual(current().calls, ['pause(1001)']);

  // Onto a chunk boundary: just after that chunk's snapshot; the UI still reads 40 000.
  await controller.seek(40_000);
  assert.equal(current().calls.at(-1), 'pause(2)');
  assert.equal(controller.currentTime(), 40_000);
});

test('plays through chunks: appends the next one, then restarts rrweb at the playhead', async () => {
  const { controller, answer, replayers, current, playTo, ready } = setup();
  await ready();
  await answer(1, 2);
  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(current().calls.at(-1), 'play(2)');

  await playTo(3_000);
  assert.deepEqual(current().added, chunkEvents(1), 'the next chunk is handed to rrweb ahead of time');
  await playTo(12_000);
  await answer(3);
  assert.deepEqual(current().added, [...chunkEvents(1), ...chunkEvents(2)]);
  assert.equal(replayers.length, 1);

  // Entering the third chunk of a full window restarts rrweb on that chunk, playing on.
  await playTo(21_000);
  assert.equal(replayers.length, 2);
  assert.equal(replayers[0].destroyed, true);
  assert.equal(current().chunk, 2);
  assert.deepEqual(current().calls, ['play(1001)']);
  assert.deepEqual(current().added, chunkEvents(3), 'with the next chunk already appended');
  assert.equal(controller.currentTime(), 21_000);
  assert.equal(controller.getSnapshot().state, 'playing');
});

test('memory stays bounded: chunks far from the playhead are dropped and fetched again', async () => {
  const { controller, requested, ready, replayers } = setup({ autoAnswer: true });
  await ready();
  for (const target of [25_000, 35_000, 45_000, 55_000, 5_000]) {
    await controller.seek(target);
    await flush();
    const { cachedChunks } = controller.getSnapshot();
    assert.ok(cachedChunks.length <= POLICY.maxCachedChunks, `holds ${cachedChunks.join(',')}`);
    assert.ok(cachedChunks.includes(Math.floor(target / CHUNK_MS)));
  }
  assert.ok(requested.filter((index) => index === 0).length >= 2, 'chunk 0 was dropped and fetched again');
  assert.equal(replayers.filter((replayer) => !replayer.destroyed).length, 1, 'one live replayer');
});

test('waits for a late chunk at its start, then ends after the last one', async () => {
  const { controller, answer, current, ready, ticking } = setup();
  await ready();
  const seek = controller.seek(38_000);
  await flush();
  await answer(3);
  await seek;
  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'playing');

  // rrweb played every event it holds before chunk 4 arrived: wait at chunk 4's start.
  current().time = 9_051;
  current().emit('finish');
  await flush();
  assert.equal(controller.getSnapshot().state, 'buffering');
  assert.equal(controller.currentTime(), 40_000);
  await answer(4);
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(current().chunk, 4);
  assert.equal(current().calls.at(-1), 'play(2)');

  await answer(5);
  await controller.seek(58_000);
  current().emit('finish');
  assert.equal(controller.getSnapshot().state, 'ended');
  assert.equal(controller.currentTime(), 59_000);
  assert.equal(ticking(), false, 'no tick after the end');

  controller.play();
  await flush();
  await answer(0);
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(current().chunk, 0, 'playing after the end starts over');
  assert.equal(ticking(), true);
});

test('skips inactivity: fast-forwards short stretches, jumps over long ones, and can be turned off', async () => {
  const { controller, current, playTo, ready, replayers } = setup({ autoAnswer: true });
  await ready();
  await flush();
  controller.setInactiveRanges([
    { startMs: 2_000, endMs: 8_000 },
    { startMs: 11_000, endMs: 48_000 },
  ]);
  controller.play();
  await flush();

  await playTo(3_000);
  assert.equal(current().speed, 8, '5 s left: fast-forward at 8x');
  assert.equal(controller.getSnapshot().skipping, true);
  await playTo(8_500);
  assert.equal(current().speed, 1, 'back to the chosen speed after the range');
  assert.equal(controller.getSnapshot().skipping, false);

  await playTo(12_000);
  await flush();
  assert.equal(current().chunk, 4, 'jumped to 8 s before the end of the range (40 000)');
  assert.equal(current().calls.at(-1), 'play(2)');
  assert.ok(Math.abs(controller.currentTime() - 40_000) <= 2);
  assert.equal(controller.getSnapshot().state, 'playing');
  await playTo(41_000);
  assert.equal(current().speed, 8);

  controller.setSkipInactive(false);
  assert.equal(current().speed, 1);
  const count = replayers.length;
  await controller.seek(12_000);
  await playTo(13_000);
  assert.equal(current().speed, 1);
  assert.equal(controller.currentTime(), 13_000, 'no jump with skipping off');
  assert.ok(replayers.length <= count + 1);
});

test('speed and viewport follow the viewer and the recording', async () => {
  const { controller, current, ready } = setup();
  await ready();
  current().emit('resize', { width: 390, height: 844 });
  assert.deepEqual(controller.getSnapshot().viewport, { width: 390, height: 844 });
  controller.setSpeed(4);
  assert.equal(current().speed, 4);
  assert.equal(controller.getSnapshot().speed, 4);
});

test('a newer seek wins over an older one still waiting for its chunk', async () => {
  const { controller, answer, current, ready, replayers } = setup();
  await ready();
  const far = controller.seek(48_000);
  const near = controller.seek(3_000);
  await near;
  await answer(4);
  await far;
  assert.equal(replayers.length, 2, 'the near seek rebuilt chunk 0; the far one gave up');
  assert.deepEqual(current().calls, ['pause(3001)']);
  assert.equal(controller.currentTime(), 3_000);
});

test('play pressed while a seek waits for its chunk starts from the seek target', async () => {
  const { controller, answer, current, ready } = setup();
  await ready();
  const seek = controller.seek(32_000);
  await flush();
  assert.equal(controller.currentTime(), 32_000);
  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'buffering');
  await answer(3);
  await seek;
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(current().chunk, 3);
  assert.deepEqual(current().calls, ['play(2001)']);
});

test('a failing manifest puts the player in the error state', async () => {
  const { controller } = setup({ manifestError: new Error('Session not found') });
  await controller.load();
  assert.equal(controller.getSnapshot().state, 'error');
  assert.equal(controller.getSnapshot().error, 'Session not found');
  await assert.rejects(controller.seek(1_000), /Session not found/);
});

test('a chunk that fails keeps the rest playable and reports the failure', async () => {
  const { controller, answers, ready } = setup();
  await ready();
  const seek = assert.rejects(controller.seek(35_000), /HTTP 500/);
  await flush();
  answers.get(3)?.reject(new Error('HTTP 500'));
  await seek;
  assert.match(controller.getSnapshot().error ?? '', /chunk 3.*HTTP 500/);
  await controller.seek(1_000);
  assert.equal(controller.currentTime(), 1_000);
});

test('destroy stops loading and removes the replayer', async () => {
  const { controller, answer, current, ready } = setup();
  await ready();
  let notified = 0;
  controller.subscribe(() => {
    notified += 1;
  });
  controller.destroy();
  assert.equal(current().destroyed, true);
  assert.equal(controller.iframe(), null);
  await answer(1);
  assert.equal(notified, 0);
});

test('loading announces its changes in one go before the first frame, then the first frame', async () => {
  const { controller, answer } = setup();
  const seen: string[] = [];
  controller.subscribe(() => {
    const snapshot = controller.getSnapshot();
    seen.push(`${snapshot.state}:${snapshot.totalChunks}:${snapshot.cachedChunks.join(',')}`);
  });
  const loaded = controller.load();
  await flush();
  assert.deepEqual(seen, [], 'nothing while the first chunk is on its way');
  await answer(0);
  await loaded;
  assert.deepEqual(seen.slice(0, 2), [`loading:${CHUNKS}:0`, `ready:${CHUNKS}:0`]);
});

test('a start offset (a shared link) loads the chunk holding it and shows that frame first', async () => {
  const { controller, requested, answer, current } = setup();
  const loaded = controller.load(42_000);
  await flush();
  assert.deepEqual(requested, [4], 'only the chunk holding 42 s');
  await answer(4);
  await loaded;
  assert.equal(controller.getSnapshot().state, 'ready');
  assert.equal(controller.currentTime(), 42_000);
  assert.deepEqual(current().calls, ['pause(2001)']);
});
