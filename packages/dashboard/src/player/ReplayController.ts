import type { RrwebEvent } from '@gosight/shared';
import { ActionGuard } from './actionGuard.js';
import { createChunkCache, type ChunkCache } from './chunkCache.js';
import { ChunkTimeline } from './chunkTimeline.js';
import type { ReplayControllerDeps } from './controllerDeps.js';
import { deferred } from './deferred.js';
import type { Viewport } from './fitViewport.js';
import { decideSkip, type OffsetRange } from './inactivitySkip.js';
import type { PlayerSnapshot } from './playerSnapshot.js';
import type { PlayerInput } from './playerState.js';
import { PlayerStore } from './playerStore.js';
import { ReplayStage } from './ReplayStage.js';
import type { ReplayWindow } from './ReplayWindow.js';

/** How a seek treats playback. */
export interface SeekOptions {
  /** Keep playing from the new offset if the player was playing (default true); false pauses there. */
  keepPlaying?: boolean;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Drives one session's replay and runs the player state machine (`playerState.ts`).
 * Framework-free: React only subscribes to its store. Its parts own their state:
 * `PlayerStore` the snapshot, `ChunkTimeline` the manifest, `ChunkCache` the fetched chunks,
 * `ReplayStage` the rrweb window on screen, `ActionGuard` which action is current.
 *
 * Lazy loading (§8.1): a seek fetches only the chunk holding its target; while playing, a
 * tick lets the stage append the next chunk and preload ahead. Skip inactivity (§6): the
 * same tick applies `decideSkip`.
 */
export class ReplayController {
  private readonly store = new PlayerStore();
  private readonly guard = new ActionGuard();
  private readonly abortController = new AbortController();
  private readonly firstFrame = deferred();
  private timeline = ChunkTimeline.empty;
  private cache: ChunkCache | null = null;
  private stage: ReplayStage | null = null;
  private inactiveRanges: readonly OffsetRange[] = [];
  private stopTicker: (() => void) | null = null;

  constructor(private readonly deps: ReplayControllerDeps) {}

  /** Current state for rendering; the same object until something changes. */
  readonly getSnapshot = this.store.getSnapshot;

  /** Calls `listener` after every snapshot change; returns the unsubscribe function. */
  readonly subscribe = this.store.subscribe;

  private get snapshot(): PlayerSnapshot {
    return this.store.current;
  }

  /**
   * Fetches the manifest and the chunk holding `startOffsetMs` (a shared link's time, else the
   * start), shows that frame paused, then preloads ahead.
   */
  async load(startOffsetMs = 0): Promise<void> {
    // Until the first frame is drawn the UI only needs one render with all of it.
    this.store.hold();
    try {
      const manifest = await this.deps.fetchManifest(this.deps.sessionId, this.abortController.signal);
      if (this.guard.isClosed) return;
      this.timeline = new ChunkTimeline(manifest.chunks, manifest.startedAt);
      this.store.update({
        totalChunks: this.timeline.size,
        chunks: this.timeline.spans(),
        startedAt: manifest.startedAt,
        durationMs: manifest.durationMs,
      });
      if (this.timeline.size === 0) throw new Error('This session has no replay data yet.');
      const cache = this.createCache();
      this.stage = new ReplayStage({
        root: this.deps.root,
        createReplayer: this.deps.createReplayer,
        startedAt: manifest.startedAt,
        timeline: this.timeline,
        cache,
        loading: this.deps.loading,
        onFinish: (window) => this.handleFinish(window),
        onResize: (payload) => this.handleResize(payload),
      });
      const startAt = clamp(startOffsetMs, 0, manifest.durationMs);
      const first = this.timeline.chunkAt(startAt);
      const events = await cache.get(first);
      if (this.guard.isClosed) return;
      this.stage.open(first, events, startAt, 'show', this.snapshot.speed);
      // The recorded viewport must reach the stage before the paint, so it is scaled right.
      this.store.release();
      await this.frames();
      if (this.guard.isClosed) return;
      this.store.transition('firstFrame', { ready: true, positionMs: startAt });
      this.firstFrame.resolve();
    } catch (error) {
      this.store.release();
      if (this.guard.isClosed) return;
      this.store.transition('fail', { error: messageOf(error) });
      this.firstFrame.reject(error);
    }
  }

  /** Starts or resumes playback; from the end it starts over. */
  play(): void {
    const { state, positionMs, durationMs } = this.snapshot;
    if (state !== 'ready' && state !== 'paused' && state !== 'ended') return;
    const atEnd = state === 'ended' || positionMs >= durationMs;
    // Playing on from where the window is paused needs no rebuild; from the end it starts over.
    // A chunk that fails to load is reported through the snapshot.
    this.playFrom(atEnd ? 0 : positionMs, 'play', this.guard.begin(), atEnd).catch(() => undefined);
  }

  /** Pauses playback (or stops waiting for a chunk) where it is. */
  pause(): void {
    const { state } = this.snapshot;
    if (state !== 'playing' && state !== 'buffering') return;
    this.guard.begin();
    const positionMs = state === 'playing' ? this.liveOffset() : this.snapshot.positionMs;
    this.halt();
    this.store.transition('pause', { positionMs });
  }

  /** Toggles between playing and paused. */
  togglePlay(): void {
    const { state } = this.snapshot;
    if (state === 'playing' || state === 'buffering') this.pause();
    else this.play();
  }

  /**
   * Moves to `offsetMs`, fetching only the chunk that holds it; resolves once the frame is
   * painted. The frame is built fresh from the chunk's snapshot, so it is the same whatever
   * the playhead did before. Rejects if that chunk cannot be loaded.
   */
  async seek(offsetMs: number, options: SeekOptions = {}): Promise<void> {
    const ticket = this.guard.begin();
    await this.firstFrame.promise;
    if (this.guard.isStale(ticket)) return;
    const target = clamp(offsetMs, 0, this.snapshot.durationMs);
    const { state } = this.snapshot;
    const wasPlaying = state === 'playing' || state === 'buffering';
    if (wasPlaying && options.keepPlaying !== false) {
      await this.playFrom(target, 'seek', ticket, true);
      return;
    }
    if (wasPlaying) this.halt();
    // Record the target at once, so a play pressed while its chunk loads starts there.
    this.store.transition(wasPlaying ? 'pause' : 'seek', { positionMs: target });
    const index = this.timeline.chunkAt(target);
    const events = this.cache?.peek(index) ?? (await this.loadChunk(index));
    if (this.guard.isStale(ticket)) return;
    this.requireStage().open(index, events, target, 'show', this.snapshot.speed);
    this.store.transition('seek', { positionMs: target });
    await this.frames();
  }

  /** Moves by `deltaMs` from where playback is, keeping it playing if it was. */
  seekBy(deltaMs: number): Promise<void> {
    return this.seek(this.currentTime() + deltaMs);
  }

  /** Changes the playback speed, also mid-playback. */
  setSpeed(speed: number): void {
    if (!this.snapshot.skipping) this.stage?.current?.setSpeed(speed);
    this.store.update({ speed });
  }

  /** Turns skip inactivity on or off. */
  setSkipInactive(skipInactive: boolean): void {
    if (!skipInactive) this.endSkipping();
    this.store.update({ skipInactive });
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
    return this.stage?.current?.iframe ?? null;
  }

  /** The replayed DOM node for an rrweb node id (the target of a recorded click), if on screen. */
  nodeById(id: number): Node | null {
    return this.stage?.current?.nodeById(id) ?? null;
  }

  /** Stops loading, removes the replay from the page and drops all listeners. */
  destroy(): void {
    this.guard.close();
    this.stopTicker?.();
    this.abortController.abort();
    this.cache?.abort();
    this.stage?.destroy();
    this.store.close();
  }

  /**
   * Plays from `from`, waiting in `buffering` while the chunk holding it is fetched; `fresh`
   * rebuilds the window there (a seek or a jump) instead of playing on in the one on stage.
   * At or past the session's end it ends instead.
   */
  private async playFrom(from: number, input: PlayerInput, ticket: number, fresh: boolean): Promise<void> {
    const stage = this.requireStage();
    const index = this.timeline.chunkAt(from);
    let action = input;
    let events: RrwebEvent[] | undefined;
    if (fresh || !stage.current?.holds(index)) {
      events = this.cache?.peek(index);
      if (!events) {
        this.halt();
        this.store.transition('starve', { positionMs: from });
        action = 'resume';
        try {
          events = await this.loadChunk(index);
        } catch (error) {
          if (!this.guard.isStale(ticket)) this.store.transition('finish', { positionMs: from });
          throw error;
        }
        if (this.guard.isStale(ticket)) return;
      }
    }
    const atEnd = from >= this.snapshot.durationMs;
    if (events) stage.open(index, events, from, atEnd ? 'show' : 'play', this.snapshot.speed);
    else if (atEnd) stage.current?.show(from);
    else stage.current?.play(from);
    this.store.transition(action, { positionMs: from });
    if (atEnd) this.store.transition('finish', { positionMs: from });
    else this.startTicker();
  }

  /** Runs while playing: skip inactivity, follow chunk crossings, keep the window small. */
  private readonly tick = (): void => {
    const window = this.stage?.current;
    if (this.snapshot.state !== 'playing' || !window) return;
    const offset = this.liveOffset();
    if (this.snapshot.skipInactive) {
      const action = decideSkip(this.inactiveRanges, offset, this.snapshot.speed);
      if (action.kind === 'jump') {
        this.store.update({ skipping: true });
        this.playFrom(action.toMs, 'seek', this.guard.begin(), true).catch(() => undefined);
        return;
      }
      if (action.kind === 'fastForward') {
        window.setSpeed(action.speed);
        if (!this.snapshot.skipping) this.store.update({ skipping: true });
      } else this.endSkipping();
    }
    this.stage?.follow(offset, this.snapshot.speed);
  };

  /** rrweb played every event the window holds: the session ended, or the next chunk came too late. */
  private handleFinish(source: ReplayWindow): void {
    if (this.snapshot.state !== 'playing') return;
    const ticket = this.guard.begin();
    const following = this.timeline.next(source.lastIndex);
    if (following === undefined) {
      this.halt();
      this.store.transition('finish', { positionMs: this.snapshot.durationMs });
      return;
    }
    const from = Math.max(this.timeline.startOf(following), source.endOffset());
    this.playFrom(from, 'resume', ticket, false).catch(() => undefined);
  }

  private handleResize(payload?: unknown): void {
    const { width, height } = (payload ?? {}) as Partial<Viewport>;
    if (typeof width !== 'number' || typeof height !== 'number') return;
    const current = this.snapshot.viewport;
    if (current && current.width === width && current.height === height) return;
    this.store.update({ viewport: { width, height } });
  }

  private createCache(): ChunkCache {
    const { retries, retryDelayMs, maxCachedChunks } = this.deps.loading;
    const cache = createChunkCache({
      retries,
      retryDelayMs,
      capacity: maxCachedChunks,
      fetchChunk: (index, signal) => this.deps.fetchChunk(this.deps.sessionId, index, signal),
      onChange: () => {
        const cachedChunks = cache.held();
        this.store.update({ cachedChunks, loadedChunks: cachedChunks.length, chunkFetches: cache.fetchCount() });
      },
    });
    this.cache = cache;
    return cache;
  }

  /** Fetches a chunk the playhead needs; a failure also goes to the snapshot's error line. */
  private async loadChunk(index: number): Promise<RrwebEvent[]> {
    if (!this.cache) throw new Error('The replay manifest has not been loaded yet.');
    try {
      return await this.cache.get(index);
    } catch (error) {
      if (!this.guard.isClosed) this.store.update({ error: `Part of this replay could not be loaded (chunk ${index}): ${messageOf(error)}` });
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
    this.stage?.current?.pause();
    this.endSkipping();
  }

  private endSkipping(): void {
    if (!this.snapshot.skipping) return;
    this.stage?.current?.setSpeed(this.snapshot.speed);
    this.store.update({ skipping: false });
  }

  private liveOffset(): number {
    return clamp(this.stage?.current?.currentOffset() ?? 0, 0, this.snapshot.durationMs);
  }

  /** Resolves once what is on stage is complete (canvas frames decoded) and painted. */
  private async frames(): Promise<void> {
    await this.stage?.current?.drawn();
    await this.deps.afterPaint();
  }

  private requireStage(): ReplayStage {
    if (!this.stage) throw new Error('The replay has not been created yet.');
    return this.stage;
  }
}
