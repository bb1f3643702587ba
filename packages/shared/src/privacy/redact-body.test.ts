/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactBody } from './redact-body.js';
import { createKeyMatcher } from './sensitive-key.js';

const s = createKeyMatcher();

test('JSON: values under secret keys are redacted at any depth', () => {
  const body = JSON.stringify({ user: 'ann', password: 'p', card: { number: '4242' }, items: [{ token: 't', qty: 2 }], note: 'hi' });
  assert.equal(
    redactBody(body, s, 10_000),
    JSON.stringify({ user: 'ann', password: '[REDACTED]', card: '[REDACTED]', items: [{ token: '[REDACTED]', qty: 2 }], note: 'hi' }),
  );
});

test('urlencoded forms are redacted field by field', () => {
  assert.equal(redactBody('username=ann&password=p&remember=1', s, 10_000), 'username=ann&password=REDACTED&remember=1');
});

test('multipart is left out, other text is scrubbed, broken JSON too', () => {
  assert.equal(redactBody('--boundary\r\nContent-Disposition: form-data; name="password"\r\n\r\nhunter2', s, 10_000), '[multipart body omitted]');
  assert.equal(redactBody('see https://x/?token=abc now', s, 10_000), 'see https://x/?token=REDACTED now');
  assert.equal(redactBody('{"password":"p", oops', s, 10_000), '{"password":"REDACTED", oops');
});

test('bodies are cut at maxChars; null and undefined pass, non-strings are dropped', () => {
  assert.equal(redactBody('a'.repeat(30), s, 10), `${'a'.repeat(10)}…[20 more characters]`);
  assert.equal(redactBody(null, s, 10), null);
  assert.equal(redactBody(undefined, s, 10), undefined);
  assert.equal(redactBody({ password: 'p' }, s, 10), null);
});

test('a body larger than what is kept: secret keys go in the whole tree, free text is scrubbed in what is kept', () => {
  const big = JSON.stringify({ card: { number: '4242' }, note: 'token=t1x', filler: 'x'.repeat(100) });
  const out = redactBody(big, s, 60)!;
  assert.ok(out.startsWith('{"card":"[REDACTED]","note":"token=REDACTED","filler":"xxx'), out);
  assert.ok(out.endsWith('more characters]'));
  assert.equal(redactBody(`password=p1&${'a'.repeat(50)}`, s, 20), 'password=REDACTED&aaaaaaaa…[42 more characters]');
});

test('a form body that does not match to the end is rejected in linear time', () => {
  const hostile = `a=1&${'b'.repeat(20_000)} `;
  const started = performance.now();
  redactBody(hostile, s, 100_000);
  assert.ok(performance.now() - started < 200, 'no catastrophic backtracking');
});
