import type { ChunkMeta, ReplayManifest, RrwebEvent } from '@gosight/shared';
import { chunkForOffset } from './chunkForOffset.js';
import { createChunkLoader, type ChunkLoader } from './chunkLoader.js';
import type { Viewport } from './fitViewport.js';
import { nextPlayerState, type PlayerInput, type PlayerState } from './playerState.js';
import type { ReplayerLike } from './ReplayerLike.js';
import { renderableOffset } from './renderableOffset.js';
import { collectSnapshotAnchors, type SnapshotAnchor } from './snapshotAnchors.js';

/** Everything the controller talks to; the page builds the real ones, tests pass fakes. */
export interface ReplayControllerDeps {
  sessionId: string;
  /** Element rrweb renders into; must be attached to the document. */
  root: HTMLElement;
  fetchManifest: (sessionId: string, signal: AbortSignal) => Promise<ReplayManifest>;
  fetchChunk: (sessionId: string, index: number, signal: AbortSignal) => Promise<RrwebEvent[]>;
  createReplayer: (events: RrwebEvent[], root: HTMLElement, speed: number) => ReplayerLike;
  /** Resolves on the next animation frame. */
  nextFrame: () => Promise<void>;
  loading: { concurrency: number; retries: number; retryDelayMs: number };
}

/** What the UI renders; replaced (never mutated) on every change. */
export interface PlayerSnapshot {
  state: PlayerState;
  /** True once the first chunk's first frame is on screen; stays true. */
  ready: boolean;
  loadedChunks: number;
  totalChunks: number;
  /** Session start from the manifest, epoch ms. */
  startedAt: number;
  durationMs: number;
  /** Offset up to which events are loaded, for the seek bar. */
  loadedUntilMs: number;
  /** Playback offset whenever the player is not playing. */
  positionMs: number;
  speed: number;
  /** Recorded viewport, from the latest Meta event rrweb applied. */
  viewport: Viewport | null;
  error: string | null;
}

/** How a seek treats playback. */
export interface SeekOptions {
  /** Keep playing from the new offset if the player was playing (default true); false pauses there. */
  keepPlaying?: boolean;
}

/** The snapshot of a player that has not started loading. */
export const INITIAL_PLAYER_SNAPSHOT: PlayerSnapshot = {
  state: 'loading',
  ready: false,
  loadedChunks: 0,
  totalChunks: 0,
  startedAt: 0,
  durationMs: 0,
  loadedUntilMs: 0,
  positionMs: 0,
  speed: 1,
  viewport: null,
  error: null,
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Drives one session's replay: loads the manifest and chunks, feeds rrweb's Replayer and runs
 * the player state machine (`playerState.ts`). Framework-free: React only subscribes to it.
 *
 * Offsets are milliseconds from the session's first event, which is rrweb's time zero.
 * Every public action bumps `generation`, so an older action still waiting for a chunk
 * gives up instead of overriding a newer one.
 */
export class ReplayController {
  private snapshot: PlayerSnapshot = INITIAL_PLAYER_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly abortController = new AbortController();
  private chunks: ChunkMeta[] = [];
  private loader: ChunkLoader | null = null;
  private replayer: ReplayerLike | null = null;
  private anchors: SnapshotAnchor[] = [];
  /** Epoch ms of the first and last loaded event; offsets count from `firstEventAt`. */
  private firstEventAt = Number.POSITIVE_INFINITY;
  private lastEventAt = Number.NEGATIVE_INFINITY;
  private generation = 0;
  private destroyed = false;
  private readonly firstFrame: Promise<void>;
  private settleFirstFrame: { resolve: () => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };

  constructor(private readonly deps: ReplayControllerDeps) {
    this.firstFrame = new Promise<void>((resolve, reject) => {
      this.settleFirstFrame = { resolve, reject };
    });
    // Failures are reported through the snapshot; waiting seeks see the rejection themselves.
    this.firstFrame.catch(() => undefined);
  }

  /** Current state for rendering; the same object until something changes. */
  readonly getSnapshot = (): PlayerSnapshot => this.snapshot;

  /** Calls `listener` after every snapshot change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Fetches the manifest and the first chunk, shows the first frame, then keeps loading the rest. */
  async load(): Promise<void> {
    try {
      const manifest = await this.deps.fetchManifest(this.deps.sessionId, this.abortController.signal);
      if (this.destroyed) return;
      this.chunks = [...manifest.chunks].sort((a, b) => a.index - b.index);
      this.update({
        totalChunks: this.chunks.length,
        startedAt: manifest.startedAt,
        durationMs: manifest.durationMs,
      });
      if (this.chunks.length === 0) throw new Error('This session has no replay data yet.');
      this.loader = createChunkLoader({
        ...this.deps.loading,
        chunks: this.chunks,
        fetchChunk: (index, signal) => this.deps.fetchChunk(this.deps.sessionId, index, signal),
        onChunk: this.acceptChunk,
        onError: this.reportChunkFailure,
      });
      this.loader.start();
      await this.loader.whenLoaded(this.chunks[0].index);
      if (this.destroyed) return;
      // rrweb's pause(0) would draw nothing (see renderableOffset), so aim just past the first snapshot.
      this.requireReplayer().pause(this.renderable(0));
      await this.frames();
      if (this.destroyed) return;
      this.transition('firstFrame', { ready: true, positionMs: 0 });
      this.settleFirstFrame.resolve();
    } catch (error) {
      if (this.destroyed) return;
      this.transition('fail', { error: messageOf(error) });
      this.settleFirstFrame.reject(error);
    }
  }

  /** Starts or resumes playback; from the end it starts over. */
  play(): void {
    const { state, positionMs } = this.snapshot;
    if (state !== 'ready' && state !== 'paused' && state !== 'ended') return;
    const atEnd = state === 'ended' || (this.loader?.isComplete() && positionMs >= this.loadedEndOffset());
    // A chunk that fails to load is reported through the snapshot.
    this.playFrom(atEnd ? 0 : positionMs, 'play', ++this.generation).catch(() => undefined);
  }

  /** Pauses playback (or stops waiting for a chunk) where it is. */
  pause(): void {
    const { state } = this.snapshot;
    if (state !== 'playing' && state !== 'buffering') return;
    this.generation += 1;
    if (state === 'playing') this.replayer?.pause();
    this.transition('pause', { positionMs: state === 'playing' ? this.replayerTime() : this.snapshot.positionMs });
  }

  /** Toggles between playing and paused. */
  togglePlay(): void {
    const { state } = this.snapshot;
    if (state === 'playing' || state === 'buffering') this.pause();
    else this.play();
  }

  /**
   * Moves to `offsetMs` once the chunk holding it is loaded; resolves after two animation
   * frames, when the frame is on screen. Rejects if that chunk cannot be loaded.
   */
  async seek(offsetMs: number, options: SeekOptions = {}): Promise<void> {
    const generation = ++this.generation;
    await this.firstFrame;
    if (this.isStale(generation)) return;
    const target = clamp(offsetMs, 0, this.snapshot.durationMs);
    const { state } = this.snapshot;
    const wasPlaying = state === 'playing' || state === 'buffering';
    if (wasPlaying && options.keepPlaying !== false) {
      await this.playFrom(target, 'seek', generation);
      return;
    }
    if (wasPlaying) this.replayer?.pause();
    // Record the target at once, so a play pressed while its chunk loads starts there.
    this.transition(wasPlaying ? 'pause' : 'seek', { positionMs: target });
    await this.requireLoader().whenLoaded(chunkForOffset(this.chunks, this.firstEventAt, target));
    if (this.isStale(generation)) return;
    this.requireReplayer().pause(this.renderable(target));
    this.transition('seek', { positionMs: target });
    await this.frames();
  }

  /** Changes the playback speed, also mid-playback. */
  setSpeed(speed: number): void {
    this.replayer?.setConfig({ speed });
    this.update({ speed });
  }

  /** Playback offset in ms, live while playing. */
  currentTime(): number {
    return this.snapshot.state === 'playing' ? this.replayerTime() : this.snapshot.positionMs;
  }

  /** The iframe the recorded page is rebuilt in, once the first chunk is loaded. */
  iframe(): HTMLIFrameElement | null {
    return this.replayer?.iframe ?? null;
  }

  /** Stops loading, removes the replay from the page and drops all listeners. */
  destroy(): void {
    this.destroyed = true;
    this.generation += 1;
    this.abortController.abort();
    this.loader?.abort();
    this.replayer?.destroy();
    this.replayer = null;
    this.listeners.clear();
  }

  /**
   * Plays from `from`, first waiting in `buffering` while that offset is beyond what is
   * loaded. Reaching the end of a fully loaded session ends playback instead.
   */
  private async playFrom(from: number, input: PlayerInput, generation: number): Promise<void> {
    const loader = this.requireLoader();
    let action = input;
    try {
      for (;;) {
        const needed = chunkForOffset(this.chunks, this.firstEventAt, from);
        const neededLoaded = this.isLoaded(needed);
        if (neededLoaded && (from < this.loadedEndOffset() || loader.isComplete())) break;
        if (this.snapshot.state === 'playing') this.replayer?.pause();
        this.transition('starve', { positionMs: from });
        await loader.whenLoaded(neededLoaded ? this.chunks[loader.loadedCount()].index : needed);
        if (this.isStale(generation)) return;
        action = 'resume';
      }
    } catch (error) {
      if (this.isStale(generation)) return;
      // The chunk failed to load (reported through the snapshot): playback cannot go past it.
      this.transition('finish', { positionMs: from });
      throw error;
    }
    const replayer = this.requireReplayer();
    if (from >= this.loadedEndOffset()) {
      replayer.pause(this.renderable(from));
      this.transition(action, { positionMs: from });
      this.transition('finish', { positionMs: from });
      return;
    }
    replayer.play(this.renderable(from));
    this.transition(action, { positionMs: from });
  }

  private readonly acceptChunk = (index: number, events: RrwebEvent[]): void => {
    if (this.destroyed) return;
    for (const event of events) {
      this.firstEventAt = Math.min(this.firstEventAt, event.timestamp);
      this.lastEventAt = Math.max(this.lastEventAt, event.timestamp);
    }
    this.anchors.push(...collectSnapshotAnchors(events));
    if (this.replayer) {
      // rrweb inserts each event at its place in time and schedules it if playback is running.
      for (const event of events) this.replayer.addEvent(event);
    } else {
      const replayer = this.deps.createReplayer(events, this.deps.root, this.snapshot.speed);
      replayer.on('finish', this.handleFinish);
      replayer.on('resize', this.handleResize);
      this.replayer = replayer;
    }
    const chunk = this.chunks.find((candidate) => candidate.index === index);
    this.update({
      loadedChunks: this.snapshot.loadedChunks + 1,
      loadedUntilMs: Math.max(this.snapshot.loadedUntilMs, (chunk?.timestampEnd ?? this.lastEventAt) - this.firstEventAt),
    });
  };

  private readonly reportChunkFailure = (index: number, error: unknown): void => {
    if (this.destroyed || index === this.chunks[0]?.index) return; // load() reports the first chunk itself
    this.update({ error: `Part of this replay could not be loaded (chunk ${index}): ${messageOf(error)}` });
  };

  /** rrweb ran out of events: either the session is over or the next chunk has not arrived yet. */
  private readonly handleFinish = (): void => {
    if (this.snapshot.state !== 'playing') return;
    const generation = ++this.generation;
    if (this.loader?.isComplete()) {
      this.transition('finish', { positionMs: this.snapshot.durationMs });
      return;
    }
    // rrweb's clock runs a little past the last event before it reports; nothing after that event is known yet.
    const at = Math.min(this.replayerTime(), this.loadedEndOffset());
    this.playFrom(at, 'resume', generation).catch(() => undefined);
  };

  private readonly handleResize = (payload?: unknown): void => {
    const { width, height } = (payload ?? {}) as Partial<Viewport>;
    if (typeof width !== 'number' || typeof height !== 'number') return;
    const current = this.snapshot.viewport;
    if (current && current.width === width && current.height === height) return;
    this.update({ viewport: { width, height } });
  };

  private isLoaded(index: number): boolean {
    const position = this.chunks.findIndex((chunk) => chunk.index === index);
    return position !== -1 && position < (this.loader?.loadedCount() ?? 0);
  }

  private loadedEndOffset(): number {
    return Number.isFinite(this.lastEventAt) ? this.lastEventAt - this.firstEventAt : 0;
  }

  private renderable(offsetMs: number): number {
    return renderableOffset(this.anchors, this.firstEventAt, offsetMs);
  }

  private replayerTime(): number {
    return clamp(this.replayer?.getCurrentTime() ?? 0, 0, this.snapshot.durationMs);
  }

  private isStale(generation: number): boolean {
    return this.destroyed || generation !== this.generation;
  }

  private async frames(): Promise<void> {
    await this.deps.nextFrame();
    await this.deps.nextFrame();
  }

  private requireReplayer(): ReplayerLike {
    if (!this.replayer) throw new Error('The replay has not been created yet.');
    return this.replayer;
  }

  private requireLoader(): ChunkLoader {
    if (!this.loader) throw new Error('The replay manifest has not been loaded yet.');
    return this.loader;
  }

  private transition(input: PlayerInput, patch: Partial<PlayerSnapshot> = {}): void {
    this.update({ ...patch, state: nextPlayerState(this.snapshot.state, input) });
  }

  private update(patch: Partial<PlayerSnapshot>): void {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
