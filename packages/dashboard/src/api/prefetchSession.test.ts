import assert from 'node:assert/strict';
import { test } from 'node:test';
import { playerSessionId } from './prefetchSession.js';

test('finds the session id in a player URL only', () => {
  assert.equal(playerSessionId('/sessions/0e3e6d2f-ba50-4aed-bde4-7c9409bd9784'), '0e3e6d2f-ba50-4aed-bde4-7c9409bd9784');
  assert.equal(playerSessionId('/sessions/abc/'), 'abc');
  assert.equal(playerSessionId('/'), null);
  assert.equal(playerSessionId('/sessions/'), null);
  assert.equal(playerSessionId('/sessions/a/b'), null);
});
