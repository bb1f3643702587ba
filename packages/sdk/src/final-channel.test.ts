/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFinalChannel } from './final-channel.js';

const both = { hasKeepaliveFetch: true, hasBeacon: true, bytesLeft: 60_000 };

test('plain keepalive fetch while the body fits the budget', () => {
  assert.equal(chooseFinalChannel({ ...both, plainBytes: 60_000 }), 'keepalive');
});

test('gzipped keepalive when only the gzipped body fits; none when neither does', () => {
  assert.equal(chooseFinalChannel({ ...both, plainBytes: 300_000, gzipBytes: 40_000 }), 'keepalive-gzip');
  assert.equal(chooseFinalChannel({ ...both, plainBytes: 300_000, gzipBytes: 70_000 }), 'none');
  assert.equal(chooseFinalChannel({ ...both, plainBytes: 300_000 }), 'none');
});

test('sendBeacon (plain) when keepalive is unsupported, none when neither exists', () => {
  assert.equal(chooseFinalChannel({ plainBytes: 10, bytesLeft: 60_000, hasKeepaliveFetch: false, hasBeacon: true }), 'beacon');
  assert.equal(chooseFinalChannel({ plainBytes: 70_000, bytesLeft: 60_000, hasKeepaliveFetch: false, hasBeacon: true }), 'none');
  assert.equal(chooseFinalChannel({ plainBytes: 10, bytesLeft: 60_000, hasKeepaliveFetch: false, hasBeacon: false }), 'none');
});
