import type { RrwebEvent } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';
import { BLOCK_CLASS, MOUSE_TAIL_COLOR } from '../constants.js';
import type { ReplayerLike } from './ReplayerLike.js';

/** Builds rrweb's Replayer inside `root` (which must already be in the document) on a first chunk's events. */
export function createRrwebReplayer(events: RrwebEvent[], root: HTMLElement, speed: number): ReplayerLike {
  return new Replayer(events as unknown as eventWithTime[], {
    root,
    speed,
    // The controller owns timing: inactivity skipping would make offsets drift from the seek bar.
    skipInactive: false,
    showWarning: false,
    mouseTail: { strokeStyle: MOUSE_TAIL_COLOR },
    blockClass: BLOCK_CLASS,
    UNSAFE_replayCanvas: false,
  });
}
