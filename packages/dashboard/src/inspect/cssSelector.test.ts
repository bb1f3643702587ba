import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cssSelector, escapeIdent, type SelectorNode } from './cssSelector.js';
import { describeElement, type DescribableElement } from './describeElement.js';

interface FakeNode extends DescribableElement {
  children: FakeNode[];
  parentElement: FakeNode | null;
}

function el(tagName: string, attrs: { id?: string; classes?: string[]; text?: string } = {}, children: FakeNode[] = []): FakeNode {
  const node: FakeNode = {
    tagName: tagName.toUpperCase(),
    id: attrs.id ?? '',
    classList: attrs.classes ?? [],
    parentElement: null,
    children,
    textContent: attrs.text ?? children.map((child) => child.textContent).join(' '),
    getBoundingClientRect: () => ({ left: 10, top: 20, width: 120.4, height: 31.6 }),
  };
  for (const child of children) child.parentElement = node;
  return node;
}

const items = [el('li', { text: 'Apples' }), el('li', { classes: ['done', ':hover'], text: 'Bread' })];
const list = el('ul', { classes: ['items'] }, items);
const card = el('section', { classes: ['card', 'wide', 'third'] }, [el('h2', { text: 'On the list' }), list]);
const button = el('button', { id: 'add', text: 'Add item' });
const body = el('body', {}, [el('main', {}, [card, el('section', { classes: ['card'] }, [button])])]);
el('html', {}, [el('head'), body]);

test('stops at the nearest id', () => {
  assert.equal(cssSelector(button), '#add');
});

test('walks up to body with classes and positions among same-tag siblings', () => {
  assert.equal(cssSelector(items[1]), 'body > main > section.card.wide:nth-of-type(1) > ul.items > li.done:nth-of-type(2)');
  assert.equal(cssSelector(body), 'body');
});

test('leaves out the classes rrweb adds while replaying', () => {
  assert.ok(!cssSelector(items[1]).includes(':hover'));
});

test('escapes identifiers that are not plain', () => {
  assert.equal(escapeIdent('a.b'), 'a\\.b');
  assert.equal(escapeIdent('1st'), '\\31 st');
  assert.equal(escapeIdent('ok-name_2'), 'ok-name_2');
  const odd: SelectorNode = { tagName: 'DIV', id: 'x:y', classList: [], parentElement: null, children: [] };
  assert.equal(cssSelector(odd), '#x\\:y');
});

test('describes an element: tag, id, classes, selector, size and text', () => {
  const info = describeElement(items[1]);
  assert.deepEqual(info, {
    tag: 'li',
    id: '',
    classes: ['done'],
    selector: 'body > main > section.card.wide:nth-of-type(1) > ul.items > li.done:nth-of-type(2)',
    width: 120,
    height: 32,
    left: 10,
    top: 20,
    text: 'Bread',
  });
  assert.equal(describeElement(el('p', { text: `  ${'word '.repeat(60)}` })).text.length, 140);
});
