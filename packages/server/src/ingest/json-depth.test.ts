import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJsonDepth, eventTexts } from './json-depth.js';

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const batch = (events: string[]) => Buffer.from(`{"sessionId":"x","seq":0,"events":[${events.join(',')}]}`);

test('counts nesting of arrays and objects and names the event that goes too deep', () => {
  const shallow = '{"type":3,"timestamp":1,"data":{"source":0}}';
  // Batch (1) + events (2) + event (3) + data (4) + 96 more = 100 levels.
  const deep = `{"type":3,"timestamp":1,"data":${nested(97)}}`;
  assert.equal(checkJsonDepth(batch([shallow, deep]), 100).ok, true);
  assert.deepEqual(checkJsonDepth(batch([shallow, shallow, deep]), 99), { ok: false, eventIndex: 2 });
});

test('brackets inside strings, escaped quotes and backslashes do not count', () => {
  const tricky = JSON.stringify({ type: 3, timestamp: 1, data: { text: '[[[{{{"\\\\"[[[' + '['.repeat(5000), n: ['"]', '\\'] } });
  assert.equal(checkJsonDepth(batch([tricky]), 5).ok, true);
  assert.deepEqual(checkJsonDepth(batch([tricky]), 4), { ok: false, eventIndex: 0 });
});

test('a 100 000-level value is refused without recursion', () => {
  const text = `{"events":[{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
  assert.deepEqual(checkJsonDepth(Buffer.from(text), 1_000), { ok: false, eventIndex: 0 });
});

test('notes where each event\'s text is: the events as sent, byte for byte, whatever their spacing', () => {
  const events = ['{"type":3,"timestamp":1,"data":{"source":0,"t":"}{]["}}', '{ "type" : 4 ,\n "timestamp":2, "data":{"href":"x","n":[{"a":1}]} }'];
  const json = Buffer.from(`{"sessionId":"x","seq":0,"events":[ ${events.join(' , ')} ],"droppedEvents":0}`);
  const check = checkJsonDepth(json, 100);
  assert.ok(check.ok);
  const texts = eventTexts(json, check.eventSpans, 2);
  assert.deepEqual(texts?.map((t) => t.toString()), events);
  assert.equal(eventTexts(json, check.eventSpans, 3), undefined, 'a count that does not match is not trusted');
});
