import type { ChunkMeta, RrwebEvent } from '@gosight/shared';
import { createChunkCache, type ChunkCache } from './chunkCache.js';
import { chunkForOffset } from './chunkForOffset.js';
import type { Viewport } from './fitViewport.js';
import { decideSkip, type OffsetRange } from './inactivitySkip.js';
import { planChunks } from './planChunks.js';
import { INITIAL_PLAYER_SNAPSHOT, type PlayerSnapshot } from './playerSnapshot.js';
import { nextPlayerState, type PlayerInput } from './playerState.js';
import { ReplayWindow } from './ReplayWindow.js';
import type { ReplayControllerDeps } from './controllerDeps.js';
import { nextWindowStep } from './windowStep.js';

/** How a seek treats playback. */
export interface SeekOptions {
  /** Keep playing from the new offset if the player was playing (default true); false pauses there. */
  keepPlaying?: boolean;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Drives one session's replay: loads chunks on demand, keeps one ReplayWindow (an rrweb
 * Replayer over a few chunks) at the playhead, and runs the player state machine
 * (`playerState.ts`). Framework-free: React only subscribes to it.
 *
 * Lazy loading (§8.1): a seek fetches only the chunk holding its target; while playing, a
 * tick appends the next chunk to the window and preloads two ahead; the chunk cache drops
 * chunks far from the playhead. Skip inactivity (§6): the same tick applies `decideSkip`.
 *
 * Every public action bumps `generation`, so an older action still waiting for a chunk
 * gives up instead of overriding a newer one.
 */
export class ReplayController {
  private snapshot: PlayerSnapshot = INITIAL_PLAYER_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly abortController = new AbortController();
  private chunks: ChunkMeta[] = [];
  private order: number[] = [];
  private cache: ChunkCache | null = null;
  private window: ReplayWindow | null = null;
  private inactiveRanges: readonly OffsetRange[] = [];
  private stopTicker: (() => void) | null = null;
  private plannedAround: number | null = null;
  private generation = 0;
  private destroyed = false;
  /** While loading, snapshot changes are collected and announced once (see `load`). */
  private holdNotifications = false;
  private notificationHeld = false;
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

  /**
   * Fetches the manifest and the chunk holding `startOffsetMs` (a shared link's time, else the
   * start), shows that frame paused, then preloads ahead.
   */
  async load(startOffsetMs = 0): Promise<void> {
    // Until the first frame is drawn the UI only needs one render with all of it: each render
    // of the page costs CPU the first frame is waiting for.
    this.holdNotifications = true;
    try {
      const manifest = await this.deps.fetchManifest(this.deps.sessionId, this.abortController.signal);
      if (this.destroyed) return;
      this.chunks = [...manifest.chunks].sort((a, b) => a.index - b.index);
      this.order = this.chunks.map((chunk) => chunk.index);
      this.update({
        totalChunks: this.chunks.length,
        chunks: this.chunks.map((chunk) => ({
          index: chunk.index,
          startMs: chunk.timestampStart - manifest.startedAt,
          endMs: chunk.timestampEnd - manifest.startedAt,
        })),
        startedAt: manifest.startedAt,
        durationMs: manifest.durationMs,
      });
      if (this.chunks.length === 0) throw new Error('This session has no replay data yet.');
      const { retries, retryDelayMs, maxCachedChunks } = this.deps.loading;
      this.cache = createChunkCache({
        retries,
        retryDelayMs,
        capacity: maxCachedChunks,
        fetchChunk: (index, signal) => this.deps.fetchChunk(this.deps.sessionId, index, signal),
        onChange: this.reportCache,
      });
      const startAt = clamp(startOffsetMs, 0, manifest.durationMs);
      const first = this.chunkAt(startAt);
      const events = await this.cache.get(first);
      if (this.destroyed) return;
      this.openWindow(first, events, startAt, 'show');
      // The recorded viewport must reach the stage before the paint, so it is scaled right.
      this.releaseNotifications();
      await this.frames();
      if (this.destroyed) return;
      this.transition('firstFrame', { ready: true, positionMs: startAt });
      this.settleFirstFrame.resolve();
    } catch (error) {
      this.releaseNotifications();
      if (this.destroyed) return;
      this.transition('fail', { error: messageOf(error) });
      this.settleFirstFrame.reject(error);
    }
  }

  /** Starts or resumes playback; from the end it starts over. */
  play(): void {
    const { state, positionMs, durationMs } = this.snapshot;
    if (state !== 'ready' && state !== 'paused' && state !== 'ended') return;
    const atEnd = state === 'ended' || positionMs >= durationMs;
    // A chunk that fails to load is reported through the snapshot.
    this.playFrom(atEnd ? 0 : positionMs, 'play', ++this.generation).catch(() => undefined);
  }

  /** Pauses playback (or stops waiting for a chunk) where it is. */
  pause(): void {
    const { state } = this.snapshot;
    if (state !== 'playing' && state !== 'buffering') return;
    this.generation += 1;
    const positionMs = state === 'playing' ? this.liveOffset() : this.snapshot.positionMs;
    this.halt();
    this.transition('pause', { positionMs });
  }

  /** Toggles between playing and paused. */
  togglePlay(): void {
    const { state } = this.snapshot;
    if (state === 'playing' || state === 'buffering') this.pause();
    else this.play();
  }

  /**
   * Moves to `offsetMs`, fetching only the chunk that holds it; resolves once the frame is
   * painted. Rejects if that chunk cannot be loaded.
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
    if (wasPlaying) this.halt();
    // Record the target at once, so a play pressed while its chunk loads starts there.
    this.transition(wasPlaying ? 'pause' : 'seek', { positionMs: target });
    const index = this.chunkAt(target);
    const window = this.requireWindow();
    if (window.holds(index)) {
      window.show(target);
      this.planAround(index);
    } else {
      const events = await this.loadChunk(index);
      if (this.isStale(generation)) return;
      this.openWindow(index, events, target, 'show');
    }
    this.transition('seek', { positionMs: target });
    await this.frames();
  }

  /** Moves by `deltaMs` from where playback is, keeping it playing if it was. */
  seekBy(deltaMs: number): Promise<void> {
    return this.seek(this.currentTime() + deltaMs);
  }

  /** Changes the playback speed, also mid-playback. */
  setSpeed(speed: number): void {
    if (!this.snapshot.skipping) this.window?.setSpeed(speed);
    this.update({ speed });
  }

  /** Turns skip inactivity on or off. */
  setSkipInactive(skipInactive: boolean): void {
    if (!skipInactive) this.endSkipping();
    this.update({ skipInactive });
  }

  /** Inactive ranges (§6) from the events API, as playback offsets. */
  setInactiveRanges(ranges: readonly OffsetRange[]): void {
    this.inactiveRanges = ranges;
  }

  /** Playback offset in ms, live while playing. */
  currentTime(): number {
    return this.snapshot.state === 'playing' ? this.liveOffset() : this.snapshot.positionMs;
  }

  /** The iframe the recorded page is rebuilt in, once the first chunk is loaded. */
  iframe(): HTMLIFrameElement | null {
    return this.window?.iframe ?? null;
  }

  /** The replayed DOM node for an rrweb node id (the target of a recorded click), if on screen. */
  nodeById(id: number): Node | null {
    return this.window?.nodeById(id) ?? null;
  }

  /** Stops loading, removes the replay from the page and drops all listeners. */
  destroy(): void {
    this.destroyed = true;
    this.generation += 1;
    this.stopTicker?.();
    this.abortController.abort();
    this.cache?.abort();
    this.window?.destroy();
    this.window = null;
    this.listeners.clear();
  }

  /**
   * Plays from `from`, waiting in `buffering` while the chunk holding it is fetched.
   * At or past the session's end it ends instead.
   */
  private async playFrom(from: number, input: PlayerInput, generation: number): Promise<void> {
    const index = this.chunkAt(from);
    let action = input;
    let events: RrwebEvent[] | undefined;
    if (!this.requireWindow().holds(index)) {
      events = this.cache?.peek(index);
      if (!events) {
        this.halt();
        this.transition('starve', { positionMs: from });
        action = 'resume';
        try {
          events = await this.loadChunk(index);
        } catch (error) {
          if (!this.isStale(generation)) this.transition('finish', { positionMs: from });
          throw error;
        }
        if (this.isStale(generation)) return;
      }
    }
    if (from >= this.snapshot.durationMs) {
      if (events) this.openWindow(index, events, from, 'show');
      else this.requireWindow().show(from);
      this.transition(action, { positionMs: from });
      this.transition('finish', { positionMs: from });
      return;
    }
    if (events) this.openWindow(index, events, from, 'play');
    else this.requireWindow().play(from);
    this.transition(action, { positionMs: from });
    this.startTicker();
  }

  /**
   * Replaces the window with a fresh one on chunk `index` (plus the next chunk if held) and
   * draws `offsetMs`. The new replayer is built and drawn before the old one is removed, all
   * in one task, so the browser never paints an empty stage in between.
   */
  private openWindow(index: number, events: RrwebEvent[], offsetMs: number, mode: 'show' | 'play'): void {
    const { root, createReplayer } = this.deps;
    const next = ReplayWindow.open(createReplayer, root, this.snapshot.speed, this.snapshot.startedAt, index, events);
    next.on('finish', () => this.handleFinish(next));
    next.on('resize', (payload) => {
      if (next === this.window) this.handleResize(payload);
    });
    const following = this.nextIndex(index);
    const followingEvents = following === undefined ? undefined : this.cache?.peek(following);
    if (following !== undefined && followingEvents) next.append(following, followingEvents);
    const previous = this.window;
    this.window = next;
    if (mode === 'play') next.play(offsetMs);
    else next.show(offsetMs);
    previous?.destroy();
    this.plannedAround = null;
    this.planAround(index);
  }

  /** Runs while playing: skip inactivity, follow chunk crossings, keep the window small. */
  private readonly tick = (): void => {
    const window = this.window;
    if (this.snapshot.state !== 'playing' || !window) return;
    const offset = this.liveOffset();
    if (this.snapshot.skipInactive) {
      const action = decideSkip(this.inactiveRanges, offset, this.snapshot.speed);
      if (action.kind === 'jump') {
        this.update({ skipping: true });
        this.playFrom(action.toMs, 'seek', ++this.generation).catch(() => undefined);
        return;
      }
      if (action.kind === 'fastForward') {
        window.setSpeed(action.speed);
        if (!this.snapshot.skipping) this.update({ skipping: true });
      } else this.endSkipping();
    }
    const index = this.chunkAt(offset);
    this.planAround(index);
    const step = nextWindowStep(window, index, this.nextIndex(window.lastIndex), (candidate) => this.cache?.peek(candidate) !== undefined, this.deps.loading.maxWindowChunks);
    const events = step.kind === 'stay' ? undefined : this.cache?.peek(step.index);
    if (step.kind === 'restart' && events) this.openWindow(step.index, events, offset, 'play');
    if (step.kind === 'append' && events) window.append(step.index, events);
  };

  /** Pins what the window and the plan need, and preloads ahead, once per chunk reached. */
  private planAround(index: number): void {
    if (this.plannedAround === index || !this.cache) return;
    this.plannedAround = index;
    const { preloadAhead, keepBehind } = this.deps.loading;
    const plan = planChunks(this.order, index, preloadAhead, keepBehind);
    this.cache.pin([...plan.keep, ...(this.window?.indices ?? [])]);
    for (const ahead of plan.preload) this.cache.prefetch(ahead);
  }

  /** rrweb played every event the window holds: the session ended, or the next chunk came too late. */
  private handleFinish(source: ReplayWindow): void {
    if (source !== this.window || this.snapshot.state !== 'playing') return;
    const generation = ++this.generation;
    const following = this.nextIndex(source.lastIndex);
    if (following === undefined) {
      this.halt();
      this.transition('finish', { positionMs: this.snapshot.durationMs });
      return;
    }
    const nextStart = (this.chunks.find((chunk) => chunk.index === following)?.timestampStart ?? 0) - this.snapshot.startedAt;
    this.playFrom(Math.max(nextStart, source.endOffset()), 'resume', generation).catch(() => undefined);
  }

  private handleResize(payload?: unknown): void {
    const { width, height } = (payload ?? {}) as Partial<Viewport>;
    if (typeof width !== 'number' || typeof height !== 'number') return;
    const current = this.snapshot.viewport;
    if (current && current.width === width && current.height === height) return;
    this.update({ viewport: { width, height } });
  }

  private readonly reportCache = (): void => {
    if (!this.cache) return;
    const cachedChunks = this.cache.held();
    this.update({ cachedChunks, loadedChunks: cachedChunks.length, chunkFetches: this.cache.fetchCount() });
  };

  /** Fetches a chunk the playhead needs; a failure also goes to the snapshot's error line. */
  private async loadChunk(index: number): Promise<RrwebEvent[]> {
    if (!this.cache) throw new Error('The replay manifest has not been loaded yet.');
    try {
      return await this.cache.get(index);
    } catch (error) {
      if (!this.destroyed) this.update({ error: `Part of this replay could not be loaded (chunk ${index}): ${messageOf(error)}` });
      throw error;
    }
  }

  private startTicker(): void {
    this.stopTicker ??= this.deps.every(this.deps.loading.tickIntervalMs, this.tick);
  }

  /** Stops rrweb and the ticker and drops any inactivity speed-up. */
  private halt(): void {
    this.stopTicker?.();
    this.stopTicker = null;
    this.window?.pause();
    this.endSkipping();
  }

  private endSkipping(): void {
    if (!this.snapshot.skipping) return;
    this.window?.setSpeed(this.snapshot.speed);
    this.update({ skipping: false });
  }

  private chunkAt(offsetMs: number): number {
    return chunkForOffset(this.chunks, this.snapshot.startedAt, offsetMs);
  }

  private nextIndex(index: number): number | undefined {
    const position = this.order.indexOf(index);
    return position === -1 ? undefined : this.order[position + 1];
  }

  private liveOffset(): number {
    return clamp(this.window?.currentOffset() ?? 0, 0, this.snapshot.durationMs);
  }

  private isStale(generation: number): boolean {
    return this.destroyed || generation !== this.generation;
  }

  private frames(): Promise<void> {
    return this.deps.afterPaint();
  }

  private requireWindow(): ReplayWindow {
    if (!this.window) throw new Error('The replay has not been created yet.');
    return this.window;
  }

  private transition(input: PlayerInput, patch: Partial<PlayerSnapshot> = {}): void {
    this.update({ ...patch, state: nextPlayerState(this.snapshot.state, input) });
  }

  private update(patch: Partial<PlayerSnapshot>): void {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    if (this.holdNotifications) this.notificationHeld = true;
    else this.notify();
  }

  private releaseNotifications(): void {
    this.holdNotifications = false;
    if (this.notificationHeld) this.notify();
    this.notificationHeld = false;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
