import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBatch } from './validate-batch.js';

const sessionId = '0b6f9a52-3c1e-4d8e-9f1a-2b3c4d5e6f70';
const good = {
  v: 1,
  sessionId,
  seq: 0,
  events: [
    { type: 4, timestamp: 1_700_000_000_000, data: { href: 'https://a.test/', width: 800, height: 600 } },
    { type: 2, timestamp: 1_700_000_000_001, data: { node: { id: 1 }, initialOffset: { top: 0, left: 0 } } },
    { type: 3, timestamp: 1_700_000_000_002, data: { source: 1, positions: [] } },
    { type: 5, timestamp: 1_700_000_000_003, data: { tag: 'checkout', payload: {} } },
    { type: 6, timestamp: 1_700_000_000_004, data: { plugin: 'rrweb/console@1', payload: {} } },
  ],
};

test('a well-formed batch passes', () => {
  const r = validateBatch(good, 50);
  assert.equal(r.ok, true);
});

test('each problem is named by its field', () => {
  const r = validateBatch({
    sessionId: 'not-a-uuid',
    seq: -1,
    events: [{ type: 9, timestamp: 'yesterday', data: {} }, { type: 4, timestamp: 1, data: { width: 1 } }, null],
    extra: true,
  }, 50);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const text = r.problems.join('\n');
  assert.match(text, /sessionId must be a UUID/);
  assert.match(text, /seq must be an integer/);
  assert.match(text, /events\[0\]\.type must be an rrweb event type/);
  assert.match(text, /events\[0\]\.timestamp must be a positive number/);
  assert.ok(r.problems.length <= 5, 'at most five problems reported');
});

test('shape rules per event type', () => {
  const check = (event: unknown) => validateBatch({ sessionId, seq: 1, events: [event] }, 50);
  const problems = (event: unknown) => { const r = check(event); return r.ok ? [] : r.problems; };
  assert.match(problems({ type: 2, timestamp: 5, data: {} })[0], /events\[0\]\.data\.node must be an object/);
  assert.match(problems({ type: 3, timestamp: 5, data: { source: 'x' } })[0], /data\.source must be an integer/);
  assert.match(problems({ type: 4, timestamp: 5, data: { href: 'x' } })[0], /width and height/);
  assert.match(problems({ type: 5, timestamp: 5, data: {} })[0], /data\.tag must be a string/);
  assert.match(problems({ type: 6, timestamp: 5, data: {} })[0], /data\.plugin must be a string/);
  assert.match(problems({ type: 3, timestamp: 5, data: [] })[0], /data must be an object/);
});

test('envelope limits: empty, too many events, unknown version, non-object', () => {
  const msg = (body: unknown, max = 50) => { const r = validateBatch(body, max); return r.ok ? '' : r.problems.join('; '); };
  assert.match(msg({ sessionId, seq: 0, events: [] }), /events must not be empty/);
  assert.match(msg({ ...good }, 3), /events has 5 items; at most 3/);
  assert.match(msg({ ...good, v: 2 }), /v must be 1/);
  assert.match(msg([good]), /body must be a JSON object/);
  assert.match(msg({ ...good, events: 'x' }), /events must be an array/);
});
