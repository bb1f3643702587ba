/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactParams, redactUrl } from './redact-url.js';
import { createKeyMatcher } from './sensitive-key.js';

const s = createKeyMatcher();

test('redacts secret query parameters and keeps the rest byte for byte', () => {
  assert.equal(redactUrl('https://a.example/reset?token=abc123&lang=en', s), 'https://a.example/reset?token=REDACTED&lang=en');
  assert.equal(redactUrl('/api?api_key=k1&page=2&apiKey=k2', s), '/api?api_key=REDACTED&page=2&apiKey=REDACTED');
  assert.equal(redactUrl('/p?a%20b=1&pass%77ord=x', s), '/p?a%20b=1&pass%77ord=REDACTED');
  assert.equal(redactUrl('https://a.example/plain/path', s), 'https://a.example/plain/path');
  assert.equal(redactUrl('/flag?token', s), '/flag?token');
});

test('redacts secrets in the fragment (OAuth implicit flow, hash routers)', () => {
  assert.equal(redactUrl('https://app/#access_token=t1&expires_in=3600', s), 'https://app/#access_token=REDACTED&expires_in=3600');
  assert.equal(redactUrl('https://app/#/reset?code=c1&x=1', s), 'https://app/#/reset?code=REDACTED&x=1');
  assert.equal(redactUrl('https://app/page#section-2', s), 'https://app/page#section-2');
});

test('redacts the password of user:password@ in the authority only', () => {
  assert.equal(redactUrl('https://bob:hunter2@db.example/x?q=1', s), 'https://bob:REDACTED@db.example/x?q=1');
  assert.equal(redactUrl('https://a.example/x?email=a@b.c', s), 'https://a.example/x?email=a@b.c');
});

test('redactParams handles urlencoded bodies', () => {
  assert.equal(redactParams('username=ann&password=p%40ss&token=t', s), 'username=ann&password=REDACTED&token=REDACTED');
});
