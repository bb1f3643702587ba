/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSensitiveInput } from './sensitive-input.js';
import { createKeyMatcher } from '@gosight/shared';
import { fakeInput } from '../test-support/fake-element.js';

const s = createKeyMatcher();

test('password, email and tel inputs are sensitive', () => {
  for (const type of ['password', 'email', 'tel']) assert.equal(isSensitiveInput(fakeInput({ type }), s), true, type);
  assert.equal(isSensitiveInput(fakeInput({ type: 'text', 'data-rr-is-password': 'true' }), s), true);
});

test('card, one-time-code and password fields are found by autocomplete or name', () => {
  assert.equal(isSensitiveInput(fakeInput({ autocomplete: 'cc-number' }), s), true);
  assert.equal(isSensitiveInput(fakeInput({ autocomplete: 'billing cc-csc' }), s), true);
  assert.equal(isSensitiveInput(fakeInput({ autocomplete: 'one-time-code' }), s), true);
  assert.equal(isSensitiveInput(fakeInput({ name: 'cvv' }), s), true);
  assert.equal(isSensitiveInput(fakeInput({ id: 'cardNumber' }), s), true);
});

test('ordinary fields are not, and an element that throws counts as sensitive', () => {
  assert.equal(isSensitiveInput(fakeInput({ name: 'city' }), s), false);
  assert.equal(isSensitiveInput(fakeInput({ type: 'search', autocomplete: 'off' }), s), false);
  const hostile = { get type(): string { throw new Error('no'); } } as unknown as Element;
  assert.equal(isSensitiveInput(hostile, s), true);
});
