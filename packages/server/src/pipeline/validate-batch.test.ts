import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBatch, type BatchRules } from './validate-batch.js';

const sessionId = '0b6f9a52-3c1e-4d8e-9f1a-2b3c4d5e6f70';
const rules = (maxEvents = 50): BatchRules => ({ maxEvents });
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
  const r = validateBatch(good, rules());
  assert.equal(r.ok, true);
});

test('each problem is named by its field', () => {
  const r = validateBatch({
    sessionId: 'not-a-uuid',
    seq: -1,
    events: [{ type: 9, timestamp: 'yesterday', data: {} }, { type: 4, timestamp: 1, data: { width: 1 } }, null],
    extra: true,
  }, rules());
  assert.equal(r.ok, false);
  if (r.ok) return;
  const text = r.problems.join('\n');
  assert.match(text, /sessionId must be a UUID/);
  assert.match(text, /seq must be an integer/);
  assert.match(text, /events\[0\]\.type must be an rrweb event type/);
  assert.match(text, /events\[0\]\.timestamp must be a positive integer/);
  assert.ok(r.problems.length <= 5, 'at most five problems reported');
});

test('shape rules per event type', () => {
  const check = (event: unknown) => validateBatch({ sessionId, seq: 1, events: [event] }, rules());
  const problems = (event: unknown) => { const r = check(event); return r.ok ? [] : r.problems; };
  assert.match(problems({ type: 2, timestamp: 5, data: {} })[0], /events\[0\]\.data\.node must be an object/);
  assert.match(problems({ type: 3, timestamp: 5, data: { source: 'x' } })[0], /data\.source must be an integer/);
  assert.match(problems({ type: 4, timestamp: 5, data: { href: 'x' } })[0], /data\.width must be an integer from 0 to 65535/);
  assert.match(problems({ type: 5, timestamp: 5, data: {} })[0], /data\.tag must be a string/);
  assert.match(problems({ type: 6, timestamp: 5, data: {} })[0], /data\.plugin must be a string/);
  assert.match(problems({ type: 3, timestamp: 5, data: [] })[0], /data must be an object/);
});

test('envelope limits: empty, too many events, unknown version, non-object', () => {
  const msg = (body: unknown, max = 50) => { const r = validateBatch(body, rules(max)); return r.ok ? '' : r.problems.join('; '); };
  assert.match(msg({ sessionId, seq: 0, events: [] }), /events must not be empty/);
  assert.match(msg({ ...good }, 3), /events has 5 items; at most 3/);
  assert.match(msg({ ...good, v: 2 }), /v must be 1/);
  assert.match(msg([good]), /body must be a JSON object/);
  assert.match(msg({ ...good, events: 'x' }), /events must be an array/);
});

test('what the store keeps in typed columns must fit them', () => {
  const problems = (event: unknown) => { const r = validateBatch({ sessionId, seq: 1, events: [event] }, rules()); return r.ok ? [] : r.problems; };
  const meta = (data: Record<string, unknown>) => ({ type: 4, timestamp: 5, data: { href: 'https://a.test/', width: 800, height: 600, ...data } });
  for (const bad of [-1, 1024.5, 65_536, 1e21, '800', null]) {
    assert.match(problems(meta({ height: bad }))[0] ?? '', /events\[0\]\.data\.height must be an integer from 0 to 65535/, `height ${String(bad)}`);
  }
  assert.deepEqual(problems(meta({ width: 0, height: 65_535 })), []);
  for (const bad of [5e-324, 1e21, Number.MAX_VALUE, 1.5, -5, 0]) {
    assert.match(problems({ type: 3, timestamp: bad, data: { source: 1 } })[0] ?? '', /timestamp must be a positive integer/, `timestamp ${bad}`);
  }
  assert.match(problems({ type: 3, timestamp: Date.UTC(2400, 0, 1), data: { source: 1 } })[0], /past the last time the store can hold/);
  assert.match(problems(meta({ href: 'x'.repeat(70_000) }))[0], /data\.href has 70000 characters; at most 65536/);
  assert.match(problems({ type: 5, timestamp: 5, data: { tag: 'x'.repeat(201) } })[0], /data\.tag has 201 characters; at most 200/);
  assert.match(problems({ type: 5, timestamp: 5, data: { tag: '$identify', payload: { userId: { a: 1 } } } })[0], /payload\.userId must be a string/);
  assert.deepEqual(problems({ type: 5, timestamp: 5, data: { tag: '$identify', payload: { userId: 42 } } }), []);
  assert.match(problems({ type: 6, timestamp: 5, data: { plugin: 'p'.repeat(300) } })[0], /data\.plugin has 300 characters/);
  assert.match(problems({ type: 3, timestamp: 5, data: { source: -1 } })[0], /data\.source must be an integer/);
});

test('with a time window: events older than the retention or far ahead of the clock are refused by name', () => {
  const now = Date.UTC(2026, 11, 2);
  const window = { now, maxAgeMs: 90 * 86_400_000, maxFutureMs: 86_400_000 };
  const at = (timestamp: number) => {
    const r = validateBatch({ sessionId, seq: 0, events: [{ type: 3, timestamp: now, data: { source: 1 } }, { type: 3, timestamp, data: { source: 1 } }] }, { maxEvents: 50, window });
    return r.ok ? '' : r.problems.join('; ');
  };
  assert.equal(at(now - 89 * 86_400_000), '');
  assert.equal(at(now + 23 * 3_600_000), '');
  assert.match(at(now - 91 * 86_400_000), /events\[1\]\.timestamp 2026-09-02T00:00:00\.000Z is older than the store's 90-day retention/);
  assert.match(at(now + 48 * 3_600_000), /events\[1\]\.timestamp 2026-12-04T00:00:00\.000Z is 48\.0 h ahead of the server's clock \(at most 24\.0 h/);
});
