import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RrwebEvent } from '@gosight/shared';
import { EventTexts } from './event-texts.js';

const ev = (t: number): RrwebEvent => ({ type: 3, timestamp: t, data: { source: 0 } });

test('events are written as the text they arrived as, others serialised, joined as an array\'s inside; a text is used once', () => {
  const texts = new EventTexts();
  const [a, b, c, d] = [ev(1), ev(2), ev(3), ev(4)];
  // As sent: spacing the client chose, which parses to the same event.
  texts.remember([a, c], [Buffer.from('{ "type": 3, "timestamp": 1, "data": {"source": 0} }'), Buffer.from('{"type":3,"timestamp":3,"data":{"source":0}}')]);
  const json = texts.join('[', [a, b, c, d]).toString();
  assert.equal(json, '[{ "type": 3, "timestamp": 1, "data": {"source": 0} },{"type":3,"timestamp":2,"data":{"source":0}},{"type":3,"timestamp":3,"data":{"source":0}},{"type":3,"timestamp":4,"data":{"source":0}}');
  assert.deepEqual(JSON.parse(`${json}]`), [a, b, c, d]);
  assert.equal(texts.join(',', [a]).toString(), ',{"type":3,"timestamp":1,"data":{"source":0}}', 'the second time, serialised');
});
