import type { RrwebEvent } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';
import { BLOCK_CLASS, MOUSE_TAIL_COLOR, TOUCH_STYLE } from '../constants.js';
import type { ReplayerLike } from './ReplayerLike.js';
import { createTouchOverlayPlugin } from './touch/touchOverlayPlugin.js';
import { createNoReferrerPlugin } from './noReferrerPlugin.js';

/** Builds rrweb's Replayer inside `root` (which must already be in the document) on a chunk's events. */
export function createRrwebReplayer(events: RrwebEvent[], root: HTMLElement, speed: number): ReplayerLike {
  return new Replayer(events as unknown as eventWithTime[], {
    root,
    speed,
    // The controller owns timing (skip inactivity included): rrweb's own skipping would move offsets under it.
    skipInactive: false,
    showWarning: false,
    mouseTail: { strokeStyle: MOUSE_TAIL_COLOR },
    blockClass: BLOCK_CLASS,
    UNSAFE_replayCanvas: false,
    // Replayed focus would move the dashboard's own focus into the iframe, where it swallows the
    // player's keyboard shortcuts and steals typing from the devtools' inputs.
    triggerFocus: false,
    // The recorded page may ask for referrers; the replay must not tell its site who watches.
    plugins: [createNoReferrerPlugin(), createTouchOverlayPlugin(TOUCH_STYLE)],
  });
}
