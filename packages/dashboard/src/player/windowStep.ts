/** The replay window's chunks, as far as deciding its next step goes. */
export interface WindowChunks {
  firstIndex: number;
  lastIndex: number;
  indices: readonly number[];
}

/** What the replay window does as the playhead moves (checked on every playback tick). */
export type WindowStep =
  | { kind: 'stay' }
  /** Hand the next chunk to rrweb now, so it plays on into it without a pause. */
  | { kind: 'append'; index: number }
  /** Replace the window by a fresh one at the playhead's chunk: the chunks behind are dead weight. */
  | { kind: 'restart'; index: number };

/**
 * While playing in chunk `playhead`: once the window holds `maxChunks` chunks and the playhead
 * has left its first one, restart on the playhead's chunk (rrweb keeps and re-walks every
 * event it holds, so the window must not grow with the session); otherwise, when the playhead
 * is in the window's last chunk and the next one is held in memory, append it.
 */
export function nextWindowStep(
  window: WindowChunks,
  playhead: number,
  next: number | undefined,
  isHeld: (index: number) => boolean,
  maxChunks: number,
): WindowStep {
  if (playhead !== window.firstIndex && window.indices.length >= maxChunks && isHeld(playhead)) return { kind: 'restart', index: playhead };
  if (playhead === window.lastIndex && next !== undefined && isHeld(next)) return { kind: 'append', index: next };
  return { kind: 'stay' };
}
