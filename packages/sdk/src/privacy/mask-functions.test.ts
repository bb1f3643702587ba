/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMaskInputFn, buildMaskTextFn } from './mask-functions.js';
import { createKeyMatcher } from '@gosight/shared';
import { fakeInput } from '../test-support/fake-element.js';

const s = createKeyMatcher();
const el = fakeInput;

test('maskAllInputs masks every value with rrweb-style stars', () => {
  const mask = buildMaskInputFn(true, s);
  assert.equal(mask('hello', el({ name: 'city' })), '*****');
});

test('without maskAllInputs, ordinary values pass but sensitive ones never do', () => {
  const mask = buildMaskInputFn(false, s);
  assert.equal(mask('Lisbon', el({ name: 'city' })), 'Lisbon');
  assert.equal(mask('hunter2', el({ type: 'password' })), '*******');
  assert.equal(mask('a@b.c', el({ type: 'email' })), '*****');
  assert.equal(mask('4242', el({ autocomplete: 'cc-number' })), '****');
});

test('the page hook masks ordinary values but cannot unmask sensitive ones; a broken hook masks fully', () => {
  const upper = buildMaskInputFn(true, s, (text) => text.toUpperCase());
  assert.equal(upper('abc', el({ name: 'city' })), 'ABC');
  assert.equal(upper('secret', el({ type: 'password' })), '******');
  const broken = buildMaskInputFn(true, s, () => {
    throw new Error('boom');
  });
  assert.equal(broken('abc', el({ name: 'city' })), '***');
  const wrongType = buildMaskInputFn(true, s, (() => 42) as unknown as (text: string) => string);
  assert.equal(wrongType('abc', el({ name: 'city' })), '***');
});

test('maskTextFn: undefined keeps rrweb default; a hook is guarded', () => {
  assert.equal(buildMaskTextFn(undefined), undefined);
  const hook = buildMaskTextFn((text) => `[${text.length}]`);
  assert.equal(hook?.('abc def', null), '[7]');
  const broken = buildMaskTextFn(() => {
    throw new Error('boom');
  });
  assert.equal(broken?.('ab cd', null), '** **');
});
