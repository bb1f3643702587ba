import type { RrwebEvent } from '@gosight/shared';
import type { ChunkCache } from './chunkCache.js';
import type { ChunkTimeline } from './chunkTimeline.js';
import type { LoadingPolicy } from './controllerDeps.js';
import { planChunks } from './planChunks.js';
import { ReplayWindow, type CreateReplayer } from './ReplayWindow.js';
import { nextWindowStep } from './windowStep.js';

export interface ReplayStageOptions {
  root: HTMLElement;
  createReplayer: CreateReplayer;
  startedAt: number;
  timeline: ChunkTimeline;
  cache: ChunkCache;
  loading: LoadingPolicy;
  /** rrweb played every event of the window on stage. */
  onFinish: (window: ReplayWindow) => void;
  /** The window on stage applied a recorded viewport (Meta or resize). */
  onResize: (payload?: unknown) => void;
}

/**
 * What is on screen: the one ReplayWindow at the playhead, and which chunks stay in memory
 * around it (spec §8.1). A window is opened fresh on a chunk's full snapshot for every
 * seek, because rrweb's incremental catch-up inside a window that already played leaves
 * stale state behind (scroll positions after DOM diffs); while playing, the next chunk is
 * appended, and the window is replaced once it holds too many chunks.
 */
export class ReplayStage {
  private window: ReplayWindow | null = null;
  private plannedAround: number | null = null;

  constructor(private readonly options: ReplayStageOptions) {}

  get current(): ReplayWindow | null {
    return this.window;
  }

  /**
   * Replaces the window with a fresh one on chunk `index` (plus the next chunk if held) and
   * draws `offsetMs`. The new replayer is built and drawn before the old one is removed, all
   * in one task, so the browser never paints an empty stage in between.
   */
  open(index: number, events: RrwebEvent[], offsetMs: number, mode: 'show' | 'play', speed: number): ReplayWindow {
    const { root, createReplayer, startedAt, timeline, cache, onFinish, onResize } = this.options;
    const next = ReplayWindow.open(createReplayer, root, speed, startedAt, index, events);
    next.on('finish', () => {
      if (next === this.window) onFinish(next);
    });
    next.on('resize', (payload) => {
      if (next === this.window) onResize(payload);
    });
    const following = timeline.next(index);
    const followingEvents = following === undefined ? undefined : cache.peek(following);
    if (following !== undefined && followingEvents) next.append(following, followingEvents);
    const previous = this.window;
    this.window = next;
    if (mode === 'play') next.play(offsetMs);
    else next.show(offsetMs);
    previous?.destroy();
    this.plannedAround = null;
    this.planAround(index);
    return next;
  }

  /** While playing at `offsetMs`: appends the next chunk when it is due, or restarts a window grown too long. */
  follow(offsetMs: number, speed: number): void {
    const window = this.window;
    if (!window) return;
    const { timeline, cache, loading } = this.options;
    const index = timeline.chunkAt(offsetMs);
    this.planAround(index);
    const step = nextWindowStep(window, index, timeline.next(window.lastIndex), (candidate) => cache.peek(candidate) !== undefined, loading.maxWindowChunks);
    const events = step.kind === 'stay' ? undefined : cache.peek(step.index);
    if (step.kind === 'restart' && events) this.open(step.index, events, offsetMs, 'play', speed);
    if (step.kind === 'append' && events) window.append(step.index, events);
  }

  /** Pins what the window and the plan need, and preloads ahead, once per chunk reached. */
  planAround(index: number): void {
    if (this.plannedAround === index) return;
    this.plannedAround = index;
    const { timeline, cache, loading } = this.options;
    const plan = planChunks(timeline.order, index, loading.preloadAhead, loading.keepBehind);
    cache.pin([...plan.keep, ...(this.window?.indices ?? [])]);
    for (const ahead of plan.preload) cache.prefetch(ahead);
  }

  destroy(): void {
    this.window?.destroy();
    this.window = null;
  }
}
