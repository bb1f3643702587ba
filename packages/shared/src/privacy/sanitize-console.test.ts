/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeConsolePayload } from './sanitize-console.js';
import { createKeyMatcher } from './sensitive-key.js';

const s = createKeyMatcher();

// A secret value in a frame's URL takes the frame's :line:col with it; better too much than too little.
test('redacts secrets in arguments and stack frames', () => {
  const out = sanitizeConsolePayload({
    level: 'error',
    payload: ['"GET https://x/cb?token=abc failed"', '{"user":"ann","password":"p"}'],
    trace: ['load (https://x/app.js?sig=s1:1:2)'],
  }, s, 1000);
  assert.deepEqual(out, {
    level: 'error',
    payload: ['"GET https://x/cb?token=REDACTED failed"', '{"user":"ann","password":"[REDACTED]"}'],
    trace: ['load (https://x/app.js?sig=REDACTED)'],
  });
});

test('cuts long arguments; a cut string argument stays valid JSON', () => {
  const long = JSON.stringify('x'.repeat(50));
  const out = sanitizeConsolePayload({ level: 'warn', payload: [long, `{"a":"${'y'.repeat(50)}"}`], trace: [] }, s, 10) as { payload: string[] };
  assert.equal(JSON.parse(out.payload[0]), `${'x'.repeat(10)}…[40 more characters]`);
  assert.ok(out.payload[1].startsWith('{"a":"yyyy') && out.payload[1].endsWith('more characters]'));
});

test('console and error text in every form the audit found leaking is scrubbed; clean arguments keep their bytes', () => {
  const out = sanitizeConsolePayload({
    level: 'error',
    payload: [
      JSON.stringify('Login failed for bob, token=T-77x'),
      JSON.stringify('Retrying with password: hunter2'),
      JSON.stringify('Uncaught Error: Token refresh failed: refresh_token=rt-9Q'),
      JSON.stringify('Uncaught (in promise) Error: OAuth exchange failed (code=4/0AX)'),
      '{"note":"card 4242 4242 4242 4242","items":[1,2]}',
      '{ "spaced" : 1 }',
    ],
    trace: ['refresh (https://x/auth.js:3:9)'],
  }, s, 1000) as { payload: string[]; trace: string[] };
  assert.deepEqual(out.payload.slice(0, 5).map((arg) => JSON.parse(arg)), [
    'Login failed for bob, token=REDACTED',
    'Retrying with password: REDACTED',
    'Uncaught Error: Token refresh failed: refresh_token=REDACTED',
    'Uncaught (in promise) Error: OAuth exchange failed (code=REDACTED)',
    { note: 'card REDACTED', items: [1, 2] },
  ]);
  assert.equal(out.payload[5], '{"spaced":1}', 'objects are re-encoded compactly');
  assert.deepEqual(out.trace, ['refresh (https://x/auth.js:3:9)']);
  const clean = JSON.stringify('nothing secret here');
  assert.equal((sanitizeConsolePayload({ level: 'log', payload: [clean], trace: [] }, s, 1000) as { payload: string[] }).payload[0], clean);
});

test('a foreign client\'s raw (non-JSON-text) arguments are encoded and scrubbed, not flattened', () => {
  const out = sanitizeConsolePayload({ level: 'log', payload: [{ a: [1, { token: 't' }] }, 5, null], trace: [] }, s, 1000) as { payload: string[] };
  assert.deepEqual(out.payload, ['{"a":[1,{"token":"[REDACTED]"}]}', '5', 'null']);
});
