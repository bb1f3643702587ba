import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventType, type ChunkMeta, type ReplayManifest, type RrwebEvent } from '@gosight/shared';
import { ReplayController } from './ReplayController.js';
import type { ReplayerLike } from './ReplayerLike.js';

const START = 1_700_000_000_000;

/** Three chunks of ten seconds, each opening with Meta + FullSnapshot, as the processor writes them. */
const chunkEvents = (index: number): RrwebEvent[] => {
  const base = START + index * 10_000;
  return [
    { type: EventType.Meta, data: { href: 'http://x/', width: 1024, height: 600 }, timestamp: base },
    { type: EventType.FullSnapshot, data: {}, timestamp: base + 1 },
    { type: EventType.IncrementalSnapshot, data: {}, timestamp: base + 5_000 },
    { type: EventType.IncrementalSnapshot, data: {}, timestamp: base + 9_000 },
  ];
};

const chunkMeta = (index: number): ChunkMeta => ({
  index,
  timestampStart: START + index * 10_000,
  timestampEnd: START + index * 10_000 + 9_000,
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
  endedAt: START + 29_000,
  durationMs: 29_000,
  chunks: [chunkMeta(0), chunkMeta(1), chunkMeta(2)],
};

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

function setup(options: { manifestError?: Error } = {}) {
  const answers = new Map<number, { resolve: (events: RrwebEvent[]) => void; reject: (error: Error) => void }>();
  const requested: number[] = [];
  const replayers: FakeReplayer[] = [];
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
        answers.set(index, { resolve, reject });
      }),
    createReplayer: (events, _root, speed) => {
      const replayer = new FakeReplayer(events, speed);
      replayers.push(replayer);
      return replayer;
    },
    nextFrame: () => Promise.resolve(),
    loading: { concurrency: 1, retries: 0, retryDelayMs: 0 },
  });
  const answer = async (index: number) => {
    answers.get(index)?.resolve(chunkEvents(index));
    await flush();
  };
  const replayer = () => {
    assert.equal(replayers.length, 1, 'exactly one replayer is created');
    return replayers[0];
  };
  return { controller, requested, answer, answers, replayer };
}

test('renders the first chunk before the others load, then feeds them in order', async () => {
  const { controller, requested, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  assert.equal(controller.getSnapshot().state, 'loading');
  assert.equal(controller.getSnapshot().totalChunks, 3);
  assert.deepEqual(requested, [0]);

  await answer(0);
  await loaded;
  const snapshot = controller.getSnapshot();
  assert.equal(snapshot.state, 'ready');
  assert.equal(snapshot.ready, true);
  assert.equal(snapshot.loadedChunks, 1);
  assert.deepEqual(replayer().initialEvents, chunkEvents(0));
  // Offset 0 is aimed just past the first FullSnapshot (+1 ms) so rrweb draws it.
  assert.deepEqual(replayer().calls, ['pause(2)']);
  assert.equal(controller.currentTime(), 0);

  await answer(1);
  await answer(2);
  assert.deepEqual(replayer().added, [...chunkEvents(1), ...chunkEvents(2)]);
  assert.equal(controller.getSnapshot().loadedChunks, 3);
  assert.equal(controller.getSnapshot().loadedUntilMs, 29_000);
});

test('a seek into a chunk that is not loaded yet waits for it, then shows that frame', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;

  let seeked = false;
  const seek = controller.seek(25_000).then(() => {
    seeked = true;
  });
  await answer(1);
  assert.equal(seeked, false, 'chunk 2 is still missing');
  assert.deepEqual(replayer().calls, ['pause(2)']);

  await answer(2);
  await seek;
  assert.deepEqual(replayer().calls, ['pause(2)', 'pause(25000)']);
  assert.equal(controller.getSnapshot().state, 'paused');
  assert.equal(controller.currentTime(), 25_000);

  // Seeking onto a chunk boundary lands just after that chunk's snapshot; the UI still reads 10 000.
  await controller.seek(10_000);
  assert.equal(replayer().calls.at(-1), 'pause(10002)');
  assert.equal(controller.currentTime(), 10_000);
});

test('plays, buffers when it outruns the loaded chunks, resumes, then ends', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;

  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(replayer().calls.at(-1), 'play(2)');

  replayer().time = 8_500;
  controller.pause();
  assert.equal(controller.getSnapshot().state, 'paused');
  assert.equal(controller.currentTime(), 8_500);

  controller.play();
  await flush();
  assert.equal(replayer().calls.at(-1), 'play(8500)');
  // rrweb played every loaded event: the player waits for chunk 1 instead of ending.
  replayer().time = 9_050;
  replayer().emit('finish');
  await flush();
  assert.equal(controller.getSnapshot().state, 'buffering');

  assert.equal(controller.currentTime(), 9_000, 'waits at the last loaded event');

  await answer(1);
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(replayer().calls.at(-1), 'play(9000)');

  // Pause and play continue from the same offset.
  controller.pause();
  replayer().time = 0;
  await answer(2);
  controller.play();
  await flush();
  assert.equal(replayer().calls.at(-1), 'play(9000)');
  replayer().time = 29_000;
  replayer().emit('finish');
  assert.equal(controller.getSnapshot().state, 'ended');
  assert.equal(controller.currentTime(), 29_000);

  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(replayer().calls.at(-1), 'play(2)', 'playing after the end starts over');
});

test('play pressed beyond the loaded events waits for the next chunk', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;
  await controller.seek(9_500);
  assert.equal(replayer().calls.at(-1), 'pause(9500)');

  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'buffering');
  await answer(1);
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(replayer().calls.at(-1), 'play(9500)');
});

test('seek keeps playing unless asked to pause', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;
  await answer(1);
  await answer(2);

  controller.play();
  await flush();
  await controller.seek(15_000);
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.equal(replayer().calls.at(-1), 'play(15000)');

  await controller.seek(20_500, { keepPlaying: false });
  assert.equal(controller.getSnapshot().state, 'paused');
  assert.equal(replayer().calls.at(-1), 'pause(20500)');
  assert.equal(controller.currentTime(), 20_500);
});

test('a newer seek wins over an older one still waiting for its chunk', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;

  const far = controller.seek(28_000);
  const near = controller.seek(3_000);
  await near;
  await answer(1);
  await answer(2);
  await far;
  assert.deepEqual(replayer().calls, ['pause(2)', 'pause(3000)']);
  assert.equal(controller.currentTime(), 3_000);
});

test('play pressed while a seek waits for its chunk starts from the seek target', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;

  const seek = controller.seek(12_000);
  await flush();
  assert.equal(controller.currentTime(), 12_000);
  controller.play();
  await flush();
  assert.equal(controller.getSnapshot().state, 'buffering');
  await answer(1);
  await seek;
  assert.equal(controller.getSnapshot().state, 'playing');
  assert.deepEqual(replayer().calls, ['pause(2)', 'play(12000)']);
});

test('tracks the recorded viewport and the speed', async () => {
  const { controller, answer, replayer } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;

  replayer().emit('resize', { width: 1024, height: 600 });
  assert.deepEqual(controller.getSnapshot().viewport, { width: 1024, height: 600 });

  controller.setSpeed(4);
  assert.equal(replayer().speed, 4);
  assert.equal(controller.getSnapshot().speed, 4);
});

test('a failing manifest puts the player in the error state', async () => {
  const { controller } = setup({ manifestError: new Error('Session not found') });
  await controller.load();
  assert.equal(controller.getSnapshot().state, 'error');
  assert.equal(controller.getSnapshot().error, 'Session not found');
  await assert.rejects(controller.seek(1_000), /Session not found/);
});

test('a later chunk failing keeps the loaded part playable and reports the failure', async () => {
  const { controller, answer, answers } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;
  answers.get(1)?.reject(new Error('HTTP 500'));
  await flush();
  assert.equal(controller.getSnapshot().state, 'ready');
  assert.match(controller.getSnapshot().error ?? '', /chunk 1.*HTTP 500/);
  await assert.rejects(controller.seek(15_000), /HTTP 500/);
});

test('destroy stops loading and removes the replayer', async () => {
  const { controller, answer, replayer, requested } = setup();
  const loaded = controller.load();
  await flush();
  await answer(0);
  await loaded;
  let notified = 0;
  controller.subscribe(() => {
    notified += 1;
  });
  controller.destroy();
  assert.equal(replayer().destroyed, true);
  assert.equal(controller.iframe(), null);
  await answer(1);
  assert.deepEqual(requested, [0, 1]);
  assert.equal(notified, 0);
});
