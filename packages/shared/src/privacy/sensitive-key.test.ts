/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeyMatcher } from './sensitive-key.js';

const isSensitive = createKeyMatcher();

test('flags secret keys in any case or separator style', () => {
  for (const key of [
    'token', 'access_token', 'accessToken', 'refresh-token', 'id_token', 'password', 'new_password', 'passwd', 'pwd',
    'secret', 'client_secret', 'key', 'api_key', 'apiKey', 'X-Api-Key', 'sort_key', 'auth', 'Authorization', 'session',
    'sessionId', 'sid', 'signature', 'sig', 'code', 'otp', 'pin', 'ssn', 'cvv', 'cvc', 'card', 'card_number', 'cardNo',
    'iban', 'jwt', 'csrf_token', 'cookie', 'credentials',
  ]) {
    assert.equal(isSensitive(key), true, key);
  }
});

test('leaves ordinary keys readable', () => {
  for (const key of ['page', 'q', 'lang', 'keyword', 'author', 'monkey', 'shipping', 'step', 'note', 'username', 'state', 'passenger', 'footprint', '']) {
    assert.equal(isSensitive(key), false, key);
  }
});

test('extra keys from the options match as fragments', () => {
  const custom = createKeyMatcher(['member_no']);
  assert.equal(custom('memberNo'), true);
  assert.equal(custom('x-member-no'), true);
  assert.equal(custom('member'), false);
});
