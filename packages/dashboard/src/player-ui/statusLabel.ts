import type { PlayerState } from '../player/playerState.js';

const LABELS: Record<PlayerState, string> = {
  loading: 'Loading',
  ready: 'Ready',
  playing: 'Playing',
  paused: 'Paused',
  buffering: 'Buffering',
  ended: 'Ended',
  error: 'Failed',
};

/** Human label of a player state, for the status badge. */
export const statusLabel = (state: PlayerState): string => LABELS[state];
