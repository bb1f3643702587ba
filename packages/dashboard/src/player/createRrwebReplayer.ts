import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';
import { BLOCK_CLASS, MOUSE_TAIL_COLOR, TOUCH_STYLE } from '../constants.js';
import { CanvasPainter } from './canvas/canvasPainter.js';
import { CANVAS_REPLAY_STYLE_RULES, createSurfaceFactory } from './canvas/canvasSurface.js';
import type { ReplayerLike } from './ReplayerLike.js';
import { createTouchOverlayPlugin } from './touch/touchOverlayPlugin.js';
import { createDialogClosePlugin } from './dialogClosePlugin.js';
import { createInstantScrollPlugin } from './instantScrollPlugin.js';
import { createNoReferrerPlugin } from './noReferrerPlugin.js';

/**
 * Builds rrweb's Replayer inside `root` (which must already be in the document) on a chunk's
 * events (already through `prepareCanvasFrames`), with our canvas painter beside it.
 */
export function createRrwebReplayer(events: RrwebEvent[], root: HTMLElement, speed: number): ReplayerLike {
  let replayer: Replayer | null = null;
  // The recorded viewport, from the events as rrweb applies them, in order. rrweb's own
  // 'resize' also announces a new replayer's first Meta one task late, after a seek has
  // already applied a later viewport, and would put the stale one back.
  const resizeListeners = new Set<(payload?: unknown) => void>();
  const announceViewport = (event: RrwebEvent) => {
    const data = event.data as { source?: number; width?: unknown; height?: unknown };
    const isViewport = event.type === EventType.Meta
      || (event.type === EventType.IncrementalSnapshot && data.source === IncrementalSource.ViewportResize);
    if (!isViewport || typeof data.width !== 'number' || typeof data.height !== 'number') return;
    for (const listener of resizeListeners) listener({ width: data.width, height: data.height });
  };
  const surfaces = createSurfaceFactory();
  const painter = new CanvasPainter({
    surfaceOf: (id) => surfaces.surfaceOf((replayer?.getMirror().getNode(id) as Node | null) ?? null),
    allIds: () => replayer?.getMirror().getIds() ?? [],
  });
  replayer = new Replayer(events as unknown as eventWithTime[], {
    root,
    speed,
    // The controller owns timing (skip inactivity included): rrweb's own skipping would move offsets under it.
    skipInactive: false,
    showWarning: false,
    mouseTail: { strokeStyle: MOUSE_TAIL_COLOR },
    blockClass: BLOCK_CLASS,
    // rrweb's canvas replay lets the recorded page run scripts in the replay (allow-scripts,
    // unprotected rebuild); the painter draws the recorded frames from outside instead.
    UNSAFE_replayCanvas: false,
    insertStyleRules: CANVAS_REPLAY_STYLE_RULES,
    // Replayed focus would move the dashboard's own focus into the iframe, where it swallows the
    // player's keyboard shortcuts and steals typing from the devtools' inputs.
    triggerFocus: false,
    // The recorded page may ask for referrers; the replay must not tell its site who watches.
    plugins: [
      createNoReferrerPlugin(),
      createTouchOverlayPlugin(TOUCH_STYLE),
      createInstantScrollPlugin(),
      createDialogClosePlugin(),
      { handler: (event, isSync) => painter.handle(event as unknown as RrwebEvent, isSync) },
      { handler: (event) => announceViewport(event as unknown as RrwebEvent) },
    ],
  });
  const rrweb = replayer;
  return {
    // rrweb applies the events up to the offset synchronously inside play/pause; the painter
    // then draws each canvas's last picture once.
    play(offsetMs) {
      rrweb.play(offsetMs);
      painter.flush();
    },
    pause(offsetMs) {
      rrweb.pause(offsetMs);
      painter.flush();
    },
    getCurrentTime: () => rrweb.getCurrentTime(),
    setConfig: (config) => rrweb.setConfig(config),
    on: (event, handler) => (event === 'resize' ? resizeListeners.add(handler) : rrweb.on(event, handler)),
    addEvent: (event) => rrweb.addEvent(event as unknown as eventWithTime),
    destroy: () => {
      rrweb.destroy();
      surfaces.revokeAll();
    },
    get iframe() {
      return rrweb.iframe;
    },
    getMirror: () => rrweb.getMirror() as unknown as { getNode(id: number): Node | null },
    drawn: () => painter.drawn(),
  };
}
