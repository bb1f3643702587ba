/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionId, formatUuidV4, isSessionId } from './session-id.js';

test('uses crypto.randomUUID when present', () => {
  assert.equal(createSessionId({ randomUUID: () => '11111111-2222-4333-8444-555555555555' }), '11111111-2222-4333-8444-555555555555');
});

test('builds a v4 UUID from getRandomValues when randomUUID is missing or throws', () => {
  const cryptoSource = {
    randomUUID: () => {
      throw new Error('insecure context');
    },
    getRandomValues: <T extends Uint8Array>(array: T): T => {
      array.fill(0xff);
      return array;
    },
  };
  assert.equal(createSessionId(cryptoSource), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
});

test('still returns a valid UUID without any Web Crypto', () => {
  const id = createSessionId(undefined);
  assert.ok(isSessionId(id), id);
  assert.equal(id[14], '4');
  assert.notEqual(createSessionId(undefined), id);
});

test('sets version and variant bits', () => {
  assert.equal(formatUuidV4(new Uint8Array(16)), '00000000-0000-4000-8000-000000000000');
});

test('recognizes only well-formed ids', () => {
  assert.ok(isSessionId(createSessionId()));
  assert.equal(isSessionId('abc'), false);
  assert.equal(isSessionId(null), false);
  assert.equal(isSessionId('00000000-0000-4000-8000-000000000000 '), false);
});
