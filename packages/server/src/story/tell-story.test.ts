import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexedMoment } from '../store/index.js';
import { storyText, tellStory } from './tell-story.js';

const T = 1_800_000_000_000;
const m = (over: Partial<IndexedMoment> & Pick<IndexedMoment, 'kind' | 'timestamp'>): IndexedMoment => ({
  key: `${over.kind}:${over.timestamp}:0`, chunkIndex: 0, url: 'https://shop.test/checkout', label: '', text: '', tag: '', elementId: '', classes: [],
  ariaLabel: '', selector: '', x: 0, y: 0, viewportWidth: 0, viewportHeight: 0, depth: 0, level: '', method: '', status: 0, requestUrl: '', props: {}, ...over,
  timestamp: T + over.timestamp,
});

const moments: IndexedMoment[] = [
  m({ kind: 'page_view', timestamp: 0, url: 'https://shop.test/cart', viewportWidth: 1280, viewportHeight: 800 }),
  m({ kind: 'identify', timestamp: 100, text: 'shopper-42' }),
  m({ kind: 'click', timestamp: 1_000, tag: 'button', text: 'Add to cart', selector: 'button.add' }),
  m({ kind: 'click', timestamp: 1_200, tag: 'button', text: 'Add to cart', selector: 'button.add' }),
  m({ kind: 'network', timestamp: 1_300, method: 'GET', status: 200, requestUrl: 'https://shop.test/api/cart' }),
  m({ kind: 'page_view', timestamp: 5_000, url: 'https://shop.test/checkout?step=2', viewportWidth: 1280, viewportHeight: 800 }),
  m({ kind: 'input', timestamp: 6_000, tag: 'input', ariaLabel: 'Name on card', selector: 'input#name' }),
  m({ kind: 'input', timestamp: 6_500, tag: 'input', ariaLabel: 'Name on card', selector: 'input#name' }),
  m({ kind: 'click', timestamp: 8_000, tag: 'button', elementId: 'pay', text: 'Pay now', selector: 'button#pay' }),
  m({ kind: 'network', timestamp: 8_100, method: 'POST', status: 503, requestUrl: 'https://shop.test/api/checkout?id=1' }),
  m({ kind: 'error', timestamp: 8_200, text: 'Payment failed: gateway timeout\n    at pay (shop.js:1)' }),
  m({ kind: 'custom', timestamp: 8_300, text: 'checkout_failed', props: { reason: 'gateway' } }),
  m({ kind: 'scroll', timestamp: 5_001, url: 'https://shop.test/checkout?step=2', depth: 3_000, viewportHeight: 800 }),
];

test('a session told step by step: pages, clicks by label, fields by name, failures, and where the visitor gave up', () => {
  const story = tellStory({ sessionId: 's', startedAt: T, endedAt: T + 20_000 }, [...moments].sort((a, b) => a.timestamp - b.timestamp));
  assert.deepEqual(story.steps.map((s) => `${s.offsetMs} ${s.kind}: ${s.text}`), [
    '0 page: Opened /cart (viewport 1280×800).',
    '100 identify: Identified as “shopper-42”.',
    '1000 click: Clicked “Add to cart” 2 times.',
    '5000 page: Opened /checkout?step=2 (viewport 1280×800).',
    '5001 scroll: Scrolled down /checkout?step=2 to 3,000 px.',
    '6000 input: Filled in “Name on card”.',
    '8000 click: Clicked “Pay now”.',
    '8100 request: Request failed: POST /api/checkout?id=1 answered 503.',
    '8200 error: Error: Payment failed: gateway timeout at pay (shop.js:1)',
    '8300 event: Event “checkout_failed” (reason: gateway).',
    '20000 end: Gave up on /checkout?step=2 12 s after the error “Payment failed: gateway timeout at pay (shop.js:1)”.',
  ]);
  assert.equal(story.summary, '20 s on 2 pages (/cart → /checkout?step=2), 3 clicks, 1 error, 1 failed request. Identified as “shopper-42”.');
  assert.match(storyText(story), /^20 s on 2 pages[^\n]*\n\n\[0:00\] Opened \/cart[\s\S]*\n\[0:20\] Gave up on/);
});

test('a quiet ending is not a giving-up; an empty session still has a story', () => {
  const calm = tellStory({ sessionId: 's', startedAt: T, endedAt: T + 120_000 }, [m({ kind: 'page_view', timestamp: 0, url: 'https://blog.test/a' }), m({ kind: 'error', timestamp: 1_000, text: 'old' })]);
  assert.equal(calm.outcome, 'Left from /a after 2 min 0 s.');
  const empty = tellStory({ sessionId: 's', startedAt: T, endedAt: T + 3_000 }, []);
  assert.deepEqual([empty.steps.length, empty.outcome], [1, 'The session ended after 3 s.']);
});
