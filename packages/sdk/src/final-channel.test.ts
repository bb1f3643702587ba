/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFinalChannel } from './final-channel.js';

const both = { hasKeepaliveFetch: true, hasBeacon: true };

test('keepalive fetch while the body fits the budget', () => {
  assert.equal(chooseFinalChannel({ ...both, bodyBytes: 60_000, keepaliveBytesLeft: 60_000 }), 'keepalive');
});

test('sendBeacon for bodies over the budget', () => {
  assert.equal(chooseFinalChannel({ ...both, bodyBytes: 60_001, keepaliveBytesLeft: 60_000 }), 'beacon');
});

test('sendBeacon when keepalive is unsupported, none when neither exists', () => {
  assert.equal(chooseFinalChannel({ bodyBytes: 10, keepaliveBytesLeft: 60_000, hasKeepaliveFetch: false, hasBeacon: true }), 'beacon');
  assert.equal(chooseFinalChannel({ bodyBytes: 10, keepaliveBytesLeft: 60_000, hasKeepaliveFetch: false, hasBeacon: false }), 'none');
});
