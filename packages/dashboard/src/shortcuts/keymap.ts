import { PLAYBACK_SPEEDS } from '../constants.js';

/** What a shortcut asks the player to do. */
export type PlayerCommand =
  | { type: 'togglePlay' }
  | { type: 'seekBy'; deltaMs: number }
  | { type: 'setSpeed'; speed: number }
  | { type: 'stepSpeed'; direction: 1 | -1 }
  | { type: 'toggleSkipInactive' }
  | { type: 'nextError' }
  | { type: 'nextRageClick' }
  | { type: 'toggleFullscreen' }
  | { type: 'toggleDevtools' }
  | { type: 'toggleTimeline' }
  | { type: 'toggleInspect' }
  | { type: 'toggleHelp' }
  | { type: 'copyLink' };

/** The parts of a KeyboardEvent the map reads. */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The key went to a text field, select or editable element: it is typing, not a shortcut. */
  inEditable: boolean;
}

/** Step of the arrow keys; with Shift, the fine step. */
export const SEEK_STEP_MS = 5_000;
export const FINE_SEEK_STEP_MS = 1_000;

/** Listed for the help overlay, in display order. */
export const SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['Space / K', 'Play or pause'],
  ['← / →', `Back / forward ${SEEK_STEP_MS / 1000} s (Shift: ${FINE_SEEK_STEP_MS / 1000} s)`],
  ['1 – 5', `Speed ${PLAYBACK_SPEEDS.map((speed) => `${speed}×`).join(' ')}`],
  ['< / >', 'Slower / faster'],
  ['S', 'Skip inactivity on or off'],
  ['E', 'Next error'],
  ['R', 'Next rage click'],
  ['F', 'Fullscreen'],
  ['D', 'Show or hide devtools'],
  ['T', 'Show or hide the timeline'],
  ['I', 'Inspect elements'],
  ['L', 'Copy a link to this moment'],
  ['?', 'This help'],
];

const LETTERS: Record<string, PlayerCommand> = {
  k: { type: 'togglePlay' },
  s: { type: 'toggleSkipInactive' },
  e: { type: 'nextError' },
  r: { type: 'nextRageClick' },
  f: { type: 'toggleFullscreen' },
  d: { type: 'toggleDevtools' },
  t: { type: 'toggleTimeline' },
  i: { type: 'toggleInspect' },
  l: { type: 'copyLink' },
};

/** Maps a key press to a player command, or null when the key is not a shortcut here. */
export function commandForKey(input: KeyInput): PlayerCommand | null {
  if (input.inEditable || input.ctrlKey || input.metaKey || input.altKey) return null;
  const { key } = input;
  if (key === ' ' || key === 'Spacebar') return { type: 'togglePlay' };
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const step = input.shiftKey ? FINE_SEEK_STEP_MS : SEEK_STEP_MS;
    return { type: 'seekBy', deltaMs: key === 'ArrowLeft' ? -step : step };
  }
  if (key === '<' || key === ',') return { type: 'stepSpeed', direction: -1 };
  if (key === '>' || key === '.') return { type: 'stepSpeed', direction: 1 };
  if (key === '?') return { type: 'toggleHelp' };
  const digit = Number.parseInt(key, 10);
  if (String(digit) === key && digit >= 1 && digit <= PLAYBACK_SPEEDS.length) {
    return { type: 'setSpeed', speed: PLAYBACK_SPEEDS[digit - 1] };
  }
  return LETTERS[key.toLowerCase()] ?? null;
}

/** The next speed up or down the offered list, staying at either end. */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  const index = PLAYBACK_SPEEDS.findIndex((option) => option >= speed);
  const current = index === -1 ? PLAYBACK_SPEEDS.length - 1 : index;
  const next = Math.min(PLAYBACK_SPEEDS.length - 1, Math.max(0, current + direction));
  return PLAYBACK_SPEEDS[next];
}
