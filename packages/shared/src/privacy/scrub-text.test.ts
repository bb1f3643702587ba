/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrubText } from './scrub-text.js';
import { createKeyMatcher } from './sensitive-key.js';

const s = createKeyMatcher();
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

/** What each form of secret in free text becomes: the corpus the SDK and the ingest share. */
const CORPUS: [string, string][] = [
  // key=value, whatever comes before the key
  ['Login failed for bob, token=T0K-881', 'Login failed for bob, token=REDACTED'],
  ['Token refresh failed: refresh_token=rt_19xQ', 'Token refresh failed: refresh_token=REDACTED'],
  ['OAuth exchange failed (code=4/0AX9)', 'OAuth exchange failed (code=REDACTED)'],
  ['GET https://x/cb?access_token=abc&state=s1 failed', 'GET https://x/cb?access_token=REDACTED&state=s1 failed'],
  ['api_key = "k 1 2" sent', 'api_key = "REDACTED" sent'],
  ["config.apiKey='abc'", "config.apiKey='REDACTED'"],
  ['sid=s1; theme=dark', 'sid=REDACTED; theme=dark'],
  // key: value in plain text
  ['Retrying with password: hunter2', 'Retrying with password: REDACTED'],
  ['x-api-key: 9f8e7d', 'x-api-key: REDACTED'],
  ['{ password: \'p\', user: \'ann\' }', '{ password: \'REDACTED\', user: \'ann\' }'],
  // JSON pairs, numbers too, quotes kept so JSON stays JSON
  ['{"user":"ann","password":"p1","pin":1234,"ok":true}', '{"user":"ann","password":"REDACTED","pin":"REDACTED","ok":true}'],
  ['{"secret": "a\\"b"}', '{"secret": "REDACTED"}'],
  // key value, when the value looks like a credential
  ['password hunter2 rejected', 'password REDACTED rejected'],
  ['Authorization: Bearer abc.def-123', 'Authorization: Bearer REDACTED'],
  ['authorization=Basic dXNlcjpwYXNzd29yZA==', 'authorization=Basic REDACTED'],
  ['using Bearer abcdefghijklmnopqrstuvwxyz', 'using Bearer REDACTED'],
  ['Basic dXNlcjpwYXNzd29yZA==', 'Basic REDACTED'],
  // secrets that need no name
  [`jwt ${JWT} expired`, 'jwt REDACTED expired'],
  [`header ${JWT}`, 'header REDACTED'],
  ['card 4242 4242 4242 4242 declined', 'card REDACTED declined'],
  ['paid with 5555-5555-5555-4444.', 'paid with REDACTED.'],
  ['key 0123456789abcdef0123456789abcdef used', 'key REDACTED used'],
  ['sent aB3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4 ok', 'sent REDACTED ok'],
];

/** Text that looks a little like a secret and must stay as it is. */
const KEPT = [
  'Invalid token for this request',
  'session expired, please sign in',
  'error code 500',
  'at loadSession (https://app.example/session.js:10:5)',
  'https://bob@example.org/path',
  'order 1733150000000 placed',
  'card 4242 4242 4242 4241 is not a valid number',
  'user 3f2a9c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b signed in',
  'handleUserProfileUpdateRequestHandlerFactory failed',
  'keyword=shoes&page=2',
  'Basic authentication',
  'the password field is empty',
];

test('every form of secret in the corpus is scrubbed', () => {
  for (const [input, expected] of CORPUS) assert.equal(scrubText(input, s), expected, input);
});

test('text that only looks like a secret is kept byte for byte', () => {
  for (const text of KEPT) assert.equal(scrubText(text, s), text);
});

test('scrubbing twice changes nothing more (the ingest re-runs it on what the SDK scrubbed)', () => {
  for (const [input] of CORPUS) {
    const once = scrubText(input, s);
    assert.equal(scrubText(once, s), once, input);
  }
});

test('keys from the options are scrubbed too', () => {
  const custom = createKeyMatcher(['member_no']);
  assert.equal(scrubText('lookup memberNo=M-1 failed', custom), 'lookup memberNo=REDACTED failed');
});

test('hostile text costs linear time (the ingest scrubs what any visitor sends)', () => {
  const n = 65_536;
  const hostile = {
    'JWT starts': 'eyJ-'.repeat(n / 4),
    'bare colons': 'password:'.repeat(n / 9),
    'unclosed quotes': "token='".repeat(n / 7),
    'names': 'password '.repeat(n / 9),
    'card-like digits': '4 '.repeat(n / 2),
    'base64-like': 'aB3-'.repeat(n / 4),
  };
  for (const [name, text] of Object.entries(hostile)) {
    const started = performance.now();
    scrubText(text, s);
    const ms = performance.now() - started;
    assert.ok(ms < 250, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters`);
  }
});
