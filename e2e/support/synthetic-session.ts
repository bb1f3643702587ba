import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { EventType, type ReplayBatch, type RrwebEvent } from '@gosight/shared';

/**
 * Batches shaped like the SDK's: a Meta + FullSnapshot opening, then mouse moves, clicks
 * and inputs, with a checkout (Meta + FullSnapshot) every `checkoutEvery` events. Every
 * event has a unique timestamp, so tests can check that each appears exactly once.
 */
export function syntheticSession(opts: { batches: number; eventsPerBatch: number; checkoutEvery: number; start?: number }): { sessionId: string; batches: ReplayBatch[] } {
  const sessionId = randomUUID();
  let t = opts.start ?? Date.now();
  let n = 0;
  const snapshot = (): RrwebEvent[] => [
    { type: EventType.Meta, timestamp: ++t, data: { href: 'https://shop.test/checkout', width: 1280, height: 800 } },
    { type: EventType.FullSnapshot, timestamp: ++t, data: fullSnapshotData() },
  ];
  const batches: ReplayBatch[] = [];
  for (let seq = 0; seq < opts.batches; seq++) {
    const events: RrwebEvent[] = seq === 0 ? snapshot() : [];
    while (events.length < opts.eventsPerBatch) {
      n++;
      if (n % opts.checkoutEvery === 0) events.push(...snapshot());
      else events.push(incremental(++t, n));
    }
    batches.push({ sessionId, seq, events });
  }
  return { sessionId, batches };
}

export const gzipBatch = (batch: ReplayBatch): Buffer => gzipSync(JSON.stringify(batch));

function incremental(t: number, n: number): RrwebEvent {
  switch (n % 5) {
    case 0: return { type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 2, type: 2, id: 12 + (n % 20), x: n % 800, y: n % 600 } };
    case 1: return { type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 5, text: '*'.repeat(n % 12), isChecked: false, id: 30 } };
    case 2: return { type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 0, texts: [{ id: 40, value: `Item ${n}` }], attributes: [], removes: [], adds: [] } };
    default: return { type: EventType.IncrementalSnapshot, timestamp: t, data: { source: 1, positions: [{ x: (n * 7) % 1280, y: (n * 3) % 800, id: 5, timeOffset: -10 }] } };
  }
}

/** A FullSnapshot of a small product page (~6 KB of JSON), like a light real page. */
function fullSnapshotData(): unknown {
  const li = (i: number) => ({ type: 2, tagName: 'li', attributes: { class: 'product' }, childNodes: [{ type: 3, textContent: `Product ${i} - a sturdy thing at $${(i * 3.5).toFixed(2)}`, id: 1000 + i }], id: 500 + i });
  return {
    node: {
      type: 0, id: 1, childNodes: [{
        type: 2, tagName: 'html', attributes: {}, id: 2, childNodes: [
          { type: 2, tagName: 'head', attributes: {}, id: 3, childNodes: [{ type: 2, tagName: 'style', attributes: { _cssText: 'body{font-family:sans-serif;margin:0}.product{padding:8px;border-bottom:1px solid #eee}' }, childNodes: [], id: 4 }] },
          { type: 2, tagName: 'body', attributes: {}, id: 5, childNodes: [{ type: 2, tagName: 'ul', attributes: {}, id: 6, childNodes: Array.from({ length: 60 }, (_, i) => li(i)) }] },
        ],
      }],
    },
    initialOffset: { top: 0, left: 0 },
  };
}
