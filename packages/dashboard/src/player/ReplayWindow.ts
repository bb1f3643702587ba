import type { RrwebEvent } from '@gosight/shared';
import type { ReplayerLike } from './ReplayerLike.js';
import { renderableOffset } from './renderableOffset.js';
import { collectSnapshotAnchors, type SnapshotAnchor } from './snapshotAnchors.js';

/** Builds rrweb's Replayer (or a fake) inside `root` on a first chunk's events. */
export type CreateReplayer = (events: RrwebEvent[], root: HTMLElement, speed: number) => ReplayerLike;

/**
 * One rrweb Replayer over a run of consecutive chunks, starting at a chunk's Meta +
 * FullSnapshot (every chunk has one, so it plays alone). The controller opens a window where
 * the playhead is, appends the next chunk as it plays, and replaces the window when it grows
 * past a few chunks or a seek leaves it: rrweb's `play(offset)` walks every event it holds,
 * so a small window keeps seeks and memory independent of the session's length.
 *
 * Offsets here are session offsets (ms from `startedAt`); rrweb counts from the window's own
 * first event (`baseAt`), and this class translates.
 *
 *   session  |--chunk 0--|--chunk 1--|--chunk 2--|--chunk 3--|
 *   window                [ chunk 1  ][ chunk 2  ]             baseAt = chunk 1's Meta
 */
export class ReplayWindow {
  /** Epoch ms of the window's first event: rrweb's time zero. */
  readonly baseAt: number;
  private readonly chunkIndices: number[];
  private readonly anchors: SnapshotAnchor[];
  private lastEventAt: number;

  private constructor(
    private readonly replayer: ReplayerLike,
    private readonly startedAt: number,
    index: number,
    events: readonly RrwebEvent[],
  ) {
    this.baseAt = events[0]?.timestamp ?? startedAt;
    this.lastEventAt = events[events.length - 1]?.timestamp ?? this.baseAt;
    this.chunkIndices = [index];
    this.anchors = collectSnapshotAnchors(events);
  }

  /** Creates the replayer for chunk `index` (appended to `root`); nothing is drawn until `show` or `play`. */
  static open(create: CreateReplayer, root: HTMLElement, speed: number, startedAt: number, index: number, events: RrwebEvent[]): ReplayWindow {
    return new ReplayWindow(create(events, root, speed), startedAt, index, events);
  }

  /** Chunk indices held, in order. */
  get indices(): readonly number[] {
    return this.chunkIndices;
  }

  get firstIndex(): number {
    return this.chunkIndices[0];
  }

  get lastIndex(): number {
    return this.chunkIndices[this.chunkIndices.length - 1];
  }

  holds(index: number): boolean {
    return this.chunkIndices.includes(index);
  }

  /** Adds the chunk that follows the last one held; rrweb schedules its events if playing. */
  append(index: number, events: readonly RrwebEvent[]): void {
    if (this.holds(index)) return;
    for (const event of events) this.replayer.addEvent(event);
    this.chunkIndices.push(index);
    this.anchors.push(...collectSnapshotAnchors(events));
    if (events.length > 0) this.lastEventAt = Math.max(this.lastEventAt, events[events.length - 1].timestamp);
  }

  /** Shows the frame at `offsetMs` and stays paused. */
  show(offsetMs: number): void {
    this.replayer.pause(this.toReplayer(offsetMs));
  }

  /** Plays from `offsetMs`. */
  play(offsetMs: number): void {
    this.replayer.play(this.toReplayer(offsetMs));
  }

  pause(): void {
    this.replayer.pause();
  }

  /**
   * rrweb's clock as a session offset. rrweb's clock runs 1 ms ahead of the frame it shows: it
   * was started 1 ms after the target so that events at the target are applied (renderableOffset).
   */
  currentOffset(): number {
    return this.replayer.getCurrentTime() + this.baseAt - this.startedAt - 1;
  }

  /** Session offset of the last event held: rrweb finishes there. */
  endOffset(): number {
    return this.lastEventAt - this.startedAt;
  }

  setSpeed(speed: number): void {
    this.replayer.setConfig({ speed });
  }

  on(event: string, handler: (payload?: unknown) => void): void {
    this.replayer.on(event, handler);
  }

  get iframe(): HTMLIFrameElement {
    return this.replayer.iframe;
  }

  /** The rrweb node id → replayed DOM node map, for inspecting what an event points at. */
  nodeById(id: number): Node | null {
    return this.replayer.getMirror?.().getNode(id) ?? null;
  }

  /** Resolves once what `show` or `play` drew is complete (canvas frames decode asynchronously). */
  drawn(): Promise<void> {
    return this.replayer.drawn?.() ?? Promise.resolve();
  }

  destroy(): void {
    this.replayer.destroy();
  }

  /** rrweb offset for a session offset, aimed so that the frame is really drawn (see renderableOffset). */
  private toReplayer(offsetMs: number): number {
    return Math.max(0, renderableOffset(this.anchors, this.startedAt, offsetMs) + this.startedAt - this.baseAt);
  }
}
