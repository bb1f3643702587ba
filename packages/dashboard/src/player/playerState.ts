/**
 * The player's states. `buffering` means playback ran past the loaded chunks and waits for
 * the next one; `ended` means it reached the end of the whole session.
 *
 *   loading   --firstFrame--> ready      loading/ready --fail--> error
 *   ready     --play--> playing          ready/paused/ended --seek--> paused
 *   playing   --pause--> paused          paused/ended --play--> playing
 *   playing   --finish--> ended          playing --starve--> buffering --resume--> playing
 *   ready/paused --starve--> buffering   (play pressed at the end of what is loaded so far)
 */
export type PlayerState = 'loading' | 'ready' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error';

/** What can happen to the player. */
export type PlayerInput = 'firstFrame' | 'play' | 'pause' | 'seek' | 'finish' | 'starve' | 'resume' | 'fail';

const TRANSITIONS: Record<PlayerState, Partial<Record<PlayerInput, PlayerState>>> = {
  loading: { firstFrame: 'ready', fail: 'error' },
  ready: { play: 'playing', seek: 'paused', starve: 'buffering', fail: 'error' },
  playing: { pause: 'paused', seek: 'playing', finish: 'ended', starve: 'buffering' },
  buffering: { resume: 'playing', pause: 'paused', seek: 'playing', finish: 'ended' },
  paused: { play: 'playing', seek: 'paused', starve: 'buffering' },
  ended: { play: 'playing', seek: 'paused' },
  error: {},
};

/** The state after `input`, or the same state when the input does not apply (a pause while paused). */
export function nextPlayerState(state: PlayerState, input: PlayerInput): PlayerState {
  return TRANSITIONS[state][input] ?? state;
}
