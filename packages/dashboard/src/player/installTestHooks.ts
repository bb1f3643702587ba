import type { ReplayController } from './ReplayController.js';

/**
 * `window.__gosightPlayer`: the stable handle the end-to-end tests and the benchmark (real
 * Chromium) drive the player through. Keep these names and meanings; tests depend on them.
 *
 * - `ready`        first chunk loaded and its first frame painted
 * - `firstFrameAt` `performance.now()` when `ready` became true (ms since navigation), else null
 * - `mountedAt`    `performance.now()` when the player was created (the app's own boot came before)
 * - `state`        the player state (`loading`, `ready`, `playing`, `paused`, `buffering`, `ended`, `error`)
 * - `loadedChunks` chunks held in memory now (lazy loading keeps this small); `totalChunks` in the manifest
 * - `cachedChunks` their indices; `chunkFetches` chunk requests made so far
 * - `startedAt`    session start from the manifest (epoch ms); `durationMs` its length
 * - `seek(ms)`     pauses at offset `ms` (from the session start) once its chunk is loaded;
 *                  resolves once that frame is painted; rejects if the player failed or that
 *                  chunk cannot be loaded
 * - `play()`, `pause()`, `currentTime()` (offset in ms), `setSpeed(x)`, `speed`
 * - `setSkipInactive(on)`, `skipInactive`, `skipping` (inside inactivity right now)
 * - `iframe()`     rrweb's replay iframe, or null before the first chunk
 */
export interface GosightPlayerHooks {
  readonly ready: boolean;
  readonly firstFrameAt: number | null;
  readonly mountedAt: number;
  readonly state: string;
  readonly loadedChunks: number;
  readonly cachedChunks: readonly number[];
  readonly chunkFetches: number;
  readonly totalChunks: number;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly speed: number;
  readonly skipInactive: boolean;
  readonly skipping: boolean;
  seek(offsetMs: number): Promise<void>;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
  currentTime(): number;
  iframe(): HTMLIFrameElement | null;
}

declare global {
  interface Window {
    __gosightPlayer?: GosightPlayerHooks;
  }
}

/** Publishes the hooks for `controller`; the returned function removes them again. */
export function installTestHooks(target: Window, controller: ReplayController): () => void {
  const mountedAt = performance.now();
  let firstFrameAt: number | null = null;
  const unsubscribe = controller.subscribe(() => {
    if (firstFrameAt === null && controller.getSnapshot().ready) firstFrameAt = performance.now();
  });
  const snapshot = () => controller.getSnapshot();
  const hooks: GosightPlayerHooks = {
    get ready() {
      return snapshot().ready;
    },
    get firstFrameAt() {
      return firstFrameAt;
    },
    mountedAt,
    get state() {
      return snapshot().state;
    },
    get loadedChunks() {
      return snapshot().loadedChunks;
    },
    get cachedChunks() {
      return snapshot().cachedChunks;
    },
    get chunkFetches() {
      return snapshot().chunkFetches;
    },
    get totalChunks() {
      return snapshot().totalChunks;
    },
    get startedAt() {
      return snapshot().startedAt;
    },
    get durationMs() {
      return snapshot().durationMs;
    },
    get speed() {
      return snapshot().speed;
    },
    get skipInactive() {
      return snapshot().skipInactive;
    },
    get skipping() {
      return snapshot().skipping;
    },
    seek: (offsetMs) => controller.seek(offsetMs, { keepPlaying: false }),
    play: () => controller.play(),
    pause: () => controller.pause(),
    setSpeed: (speed) => controller.setSpeed(speed),
    setSkipInactive: (on) => controller.setSkipInactive(on),
    currentTime: () => controller.currentTime(),
    iframe: () => controller.iframe(),
  };
  target.__gosightPlayer = hooks;
  return () => {
    unsubscribe();
    if (target.__gosightPlayer === hooks) delete target.__gosightPlayer;
  };
}
