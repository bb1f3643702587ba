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
    payload: ['"GET https://x/cb?token=REDACTED failed"', '{"user":"ann","password":"REDACTED"}'],
    trace: ['load (https://x/app.js?sig=REDACTED)'],
  });
});

test('cuts long arguments; a cut string argument stays valid JSON', () => {
  const long = JSON.stringify('x'.repeat(50));
  const out = sanitizeConsolePayload({ level: 'warn', payload: [long, `{"a":"${'y'.repeat(50)}"}`], trace: [] }, s, 10) as { payload: string[] };
  assert.equal(JSON.parse(out.payload[0]), `${'x'.repeat(10)}…[40 more characters]`);
  assert.ok(out.payload[1].startsWith('{"a":"yyyy') && out.payload[1].endsWith('more characters]'));
});
