import type { ReplayController } from './ReplayController.js';

/**
 * `window.__gosightPlayer`: the stable handle the end-to-end tests (real Chromium) drive the
 * player through. Keep these names and meanings; tests depend on them.
 *
 * - `ready`        first chunk loaded and its first frame rendered
 * - `loadedChunks` chunks handed to rrweb so far; `totalChunks` chunks in the manifest
 * - `startedAt`    session start from the manifest (epoch ms); `durationMs` its length
 * - `seek(ms)`     pauses at offset `ms` (from the first event) once its chunk is loaded;
 *                  resolves two animation frames after the frame was applied; rejects if the
 *                  player failed or that chunk cannot be loaded
 * - `play()`, `pause()`, `currentTime()` (offset in ms)
 * - `iframe()`     rrweb's replay iframe, or null before the first chunk
 */
export interface GosightPlayerHooks {
  readonly ready: boolean;
  readonly loadedChunks: number;
  readonly totalChunks: number;
  readonly startedAt: number;
  readonly durationMs: number;
  seek(offsetMs: number): Promise<void>;
  play(): void;
  pause(): void;
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
  const hooks: GosightPlayerHooks = {
    get ready() {
      return controller.getSnapshot().ready;
    },
    get loadedChunks() {
      return controller.getSnapshot().loadedChunks;
    },
    get totalChunks() {
      return controller.getSnapshot().totalChunks;
    },
    get startedAt() {
      return controller.getSnapshot().startedAt;
    },
    get durationMs() {
      return controller.getSnapshot().durationMs;
    },
    seek: (offsetMs) => controller.seek(offsetMs, { keepPlaying: false }),
    play: () => controller.play(),
    pause: () => controller.pause(),
    currentTime: () => controller.currentTime(),
    iframe: () => controller.iframe(),
  };
  target.__gosightPlayer = hooks;
  return () => {
    if (target.__gosightPlayer === hooks) delete target.__gosightPlayer;
  };
}
