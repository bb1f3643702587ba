import type { RrwebEvent } from '@gosight/shared';

/**
 * The part of rrweb's `Replayer` the controller drives. Offsets are milliseconds from the
 * replayer's own first event (see ReplayWindow). createRrwebReplayer adapts rrweb's class; tests use a fake.
 */
export interface ReplayerLike {
  /** Plays from `offsetMs`, first applying every event before it synchronously. */
  play(offsetMs?: number): void;
  /** Stops; with `offsetMs`, first shows the frame at that offset. */
  pause(offsetMs?: number): void;
  /** Current playback offset. */
  getCurrentTime(): number;
  /** Changes live settings such as `speed`. */
  setConfig(config: { speed: number }): void;
  /** Subscribes to rrweb's player events (`finish`, `resize`, ...). */
  on(event: string, handler: (payload?: unknown) => void): unknown;
  /** Adds one more event to the timeline (applied asynchronously by rrweb). */
  addEvent(event: RrwebEvent): void;
  /** Removes the replay DOM and stops everything. */
  destroy(): void;
  /** The sandboxed iframe the recorded page is rebuilt in. */
  readonly iframe: HTMLIFrameElement;
  /** rrweb node id → replayed node (clicked elements, inspect). Optional so simple fakes can skip it. */
  getMirror?(): { getNode(id: number): Node | null };
  /** Resolves once pictures still being decoded for what is shown (canvas frames) are drawn. */
  drawn?(): Promise<void>;
}
