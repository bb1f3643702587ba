import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJsonDepth } from './json-depth.js';

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const batch = (events: string[]) => Buffer.from(`{"sessionId":"x","seq":0,"events":[${events.join(',')}]}`);

test('counts nesting of arrays and objects and names the event that goes too deep', () => {
  const shallow = '{"type":3,"timestamp":1,"data":{"source":0}}';
  // Batch (1) + events (2) + event (3) + data (4) + 96 more = 100 levels.
  const deep = `{"type":3,"timestamp":1,"data":${nested(97)}}`;
  assert.deepEqual(checkJsonDepth(batch([shallow, deep]), 100), { ok: true });
  assert.deepEqual(checkJsonDepth(batch([shallow, shallow, deep]), 99), { ok: false, eventIndex: 2 });
});

test('brackets inside strings, escaped quotes and backslashes do not count', () => {
  const tricky = JSON.stringify({ type: 3, timestamp: 1, data: { text: '[[[{{{"\\\\"[[[' + '['.repeat(5000), n: ['"]', '\\'] } });
  assert.deepEqual(checkJsonDepth(batch([tricky]), 5), { ok: true });
  assert.deepEqual(checkJsonDepth(batch([tricky]), 4), { ok: false, eventIndex: 0 });
});

test('a 100 000-level value is refused without recursion', () => {
  const text = `{"events":[{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
  assert.deepEqual(checkJsonDepth(Buffer.from(text), 1_000), { ok: false, eventIndex: 0 });
});
