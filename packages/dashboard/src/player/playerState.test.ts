import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextPlayerState, type PlayerInput, type PlayerState } from './playerState.js';

const run = (from: PlayerState, inputs: PlayerInput[]): PlayerState => inputs.reduce(nextPlayerState, from);

test('goes loading → ready → playing → paused → playing → ended', () => {
  assert.equal(run('loading', ['firstFrame']), 'ready');
  assert.equal(run('loading', ['firstFrame', 'play']), 'playing');
  assert.equal(run('loading', ['firstFrame', 'play', 'pause']), 'paused');
  assert.equal(run('loading', ['firstFrame', 'play', 'pause', 'play', 'finish']), 'ended');
});

test('seeking keeps playback going but leaves a paused, ready or ended player paused', () => {
  assert.equal(nextPlayerState('playing', 'seek'), 'playing');
  assert.equal(nextPlayerState('paused', 'seek'), 'paused');
  assert.equal(nextPlayerState('ready', 'seek'), 'paused');
  assert.equal(nextPlayerState('ended', 'seek'), 'paused');
});

test('waits in buffering when playback outruns the loaded chunks', () => {
  assert.equal(run('playing', ['starve']), 'buffering');
  assert.equal(run('playing', ['starve', 'resume']), 'playing');
  assert.equal(run('playing', ['starve', 'pause']), 'paused');
  assert.equal(run('paused', ['starve', 'resume']), 'playing');
});

test('ignores inputs that do not apply', () => {
  assert.equal(nextPlayerState('loading', 'play'), 'loading');
  assert.equal(nextPlayerState('paused', 'pause'), 'paused');
  assert.equal(nextPlayerState('paused', 'finish'), 'paused');
  assert.equal(nextPlayerState('ready', 'resume'), 'ready');
});

test('error is terminal', () => {
  assert.equal(nextPlayerState('loading', 'fail'), 'error');
  for (const input of ['firstFrame', 'play', 'pause', 'seek', 'finish', 'starve', 'resume', 'fail'] as const) {
    assert.equal(nextPlayerState('error', input), 'error');
  }
});
