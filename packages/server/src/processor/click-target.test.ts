import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, type ClickEvent, type RrwebEvent } from '@gosight/shared';
import { deriveChunkEvents } from './derive-events.js';

const T = 1_800_000_000_000;
const el = (id: number, tagName: string, attributes: Record<string, string>, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes, childNodes });
const text = (id: number, textContent: string) => ({ type: 3, id, textContent });
/** html > body > form#checkout.card > (button#pay.primary.btn > span "Pay now"), div.secret.gosight-mask > span "****", input#email */
const page = {
  type: 0, id: 1, childNodes: [el(2, 'html', {}, [el(3, 'body', {}, [
    el(4, 'form', { id: 'checkout', class: 'card' }, [
      el(5, 'button', { id: 'pay', class: 'primary btn', 'aria-label': '' }, [el(6, 'span', {}, [text(7, '  Pay\n now ')])]),
      el(8, 'div', { class: 'secret gosight-mask', 'aria-label': '*****' }, [el(9, 'span', {}, [text(10, '**** ****')])]),
      el(13, 'label', { for: 'email' }, [text(14, 'Your email')]),
      el(11, 'input', { id: 'email', type: 'email', value: 'someone@example.com' }),
      el(12, 'input', { type: 'submit', value: 'Send' }),
    ]),
  ])])],
};
const meta = (t: number): RrwebEvent => ({ type: EventType.Meta, timestamp: T + t, data: { href: 'https://shop.test/checkout', width: 1000, height: 700 } });
const full = (t: number): RrwebEvent => ({ type: EventType.FullSnapshot, timestamp: T + t, data: { node: page, initialOffset: { left: 0, top: 40 } } });
const click = (t: number, id: number, x = 10, y = 20): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 2, type: 2, id, x, y } });
const mutation = (t: number, data: Record<string, unknown>): RrwebEvent => ({
  type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 0, adds: [], removes: [], texts: [], attributes: [], ...data },
});
const scroll = (t: number, id: number, y: number): RrwebEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T + t, data: { source: 3, id, x: 0, y } });
const ctx = { chunkIndex: 0, previousUrl: '', following: undefined };
const clicksOf = (events: RrwebEvent[]) => deriveChunkEvents(events, ctx).events.filter((e): e is ClickEvent => e.kind === 'click');

test('a click inside a button resolves to the button: tag, id, sorted classes, text, path', () => {
  const [c] = clicksOf([meta(0), full(1), click(100, 7)]);
  assert.deepEqual(c.target, {
    tag: 'button', id: 'pay', classes: ['primary', 'btn'], text: 'Pay now', ariaLabel: '',
    selector: 'html > body > form#checkout.card > button#pay.btn.primary',
  });
  assert.equal(c.label, 'Click on Pay now');
  assert.equal(c.pageY, 60, 'page position adds the initial scroll');
});

test('masked text and typed values are never taken; a submit input shows its caption', () => {
  const [masked, email, submit] = clicksOf([meta(0), full(1), click(100, 10), click(200, 11), click(300, 12)]);
  assert.equal(masked.target?.tag, 'span');
  assert.equal(masked.target?.text, '', 'masked text');
  const parent = clicksOf([meta(0), full(1), click(100, 8)])[0];
  assert.equal(parent.target?.ariaLabel, '', 'a masked aria-label');
  assert.equal(email.target?.text, '', 'what was typed');
  assert.equal(email.target?.ariaLabel, 'Your email', 'a field is named by its label');
  assert.equal(submit.target?.text, 'Send');
  for (const c of [masked, email, submit, parent]) assert.doesNotMatch(JSON.stringify(c), /someone@example|\*\*\*/);
});

test('mutations before the click are applied: added nodes, changed attributes and text, removals', () => {
  const events = [
    meta(0), full(1),
    mutation(10, { adds: [{ parentId: 4, nextId: 5, node: el(20, 'a', { href: '/help', class: 'link' }, [text(21, 'Help')]) }] }),
    mutation(20, { attributes: [{ id: 5, attributes: { id: 'pay-now', class: null } }], texts: [{ id: 7, value: 'Pay 12 €' }] }),
    click(30, 21), click(40, 6),
    mutation(50, { removes: [{ parentId: 4, id: 5 }] }),
    click(60, 7),
  ];
  const [help, pay, gone] = clicksOf(events);
  assert.equal(help.target?.selector, 'html > body > form#checkout.card > a.link');
  assert.equal(help.target?.text, 'Help');
  assert.deepEqual([pay.target?.id, pay.target?.classes, pay.target?.text], ['pay-now', [], 'Pay 12 €']);
  assert.equal(gone.target, undefined, 'a removed node is no longer resolvable');
});

test('page position follows the document scroll, not other scrolled elements; scroll depth per page', () => {
  const derived = deriveChunkEvents([meta(0), full(1), scroll(10, 1, 500), scroll(20, 4, 9_000), click(30, 7, 10, 20), scroll(40, 1, 100)], ctx);
  const c = derived.events.find((e): e is ClickEvent => e.kind === 'click')!;
  assert.equal(c.pageY, 520);
  assert.deepEqual(derived.scrolls.map((s) => [s.url, s.depth]), [['https://shop.test/checkout', 1_200]]);
});

test('a chunk without a snapshot leaves clicks unresolved; hostile shapes are ignored', () => {
  assert.equal(clicksOf([click(0, 7)])[0].target, undefined);
  const weird = { type: EventType.FullSnapshot, timestamp: T, data: { node: { id: 1, type: 0, childNodes: [null, 5, { id: 'x' }, el(2, 'div', { class: 7 as unknown as string }, [])] } } };
  const bad = mutation(5, { adds: [null, { parentId: 999, node: el(3, 'p', {}) }, { parentId: 2, node: 'x' }], removes: [{ id: {} }], attributes: [{ id: 2, attributes: [] }] });
  const [c] = clicksOf([weird as RrwebEvent, bad, click(10, 2)]);
  assert.deepEqual(c.target, { tag: 'div', id: '', classes: [], text: '', ariaLabel: '', selector: 'div' });
});

test('identify calls are kept with their scalar traits', () => {
  const identify: RrwebEvent = { type: EventType.Custom, timestamp: T, data: { tag: '$identify', payload: { userId: 42, traits: { plan: 'pro', seats: 3, nested: { a: 1 } } } } };
  assert.deepEqual(deriveChunkEvents([identify], ctx).identities, [{ timestamp: T, userId: '42', traits: { plan: 'pro', seats: '3' } }]);
});
