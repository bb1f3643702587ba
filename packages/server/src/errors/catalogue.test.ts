import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, errorCode, type ErrorName } from './catalogue.js';
import { GoSightError } from './gosight-error.js';

test('every catalogue entry has a client or server error status and a message', () => {
  for (const [name, entry] of Object.entries(ERRORS)) {
    assert.ok(entry.status >= 400 && entry.status < 600, `${name} status ${entry.status}`);
    assert.ok(entry.message.length > 0, `${name} has a message`);
    assert.match(errorCode(name as ErrorName), /^GOSIGHT_[A-Z_]+$/);
  }
});

test('GoSightError carries code, status and an overridable message', () => {
  const err = new GoSightError('PAYLOAD_TOO_LARGE', 'body is 9 MB, limit 2 MB');
  assert.equal(err.code, 'GOSIGHT_PAYLOAD_TOO_LARGE');
  assert.equal(err.statusCode, 413);
  assert.equal(err.message, 'body is 9 MB, limit 2 MB');
  assert.equal(new GoSightError('INVALID_KEY').message, ERRORS.INVALID_KEY.message);
});

test('every 503 tells the client when to retry', () => {
  for (const [name, entry] of Object.entries(ERRORS)) {
    if (entry.status !== 503) continue;
    const err = new GoSightError(name as ErrorName);
    assert.ok(err.retryAfterSeconds !== undefined && err.retryAfterSeconds > 0, `${name} has a Retry-After`);
  }
});
