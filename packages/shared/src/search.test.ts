import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsRegex, parseStatusRange, searchFromParams, searchToParams, selectorRegex, SearchParamError, urlPatternRegex } from './search.js';

const PATH = 'html > body > main#app > form#checkout.card.wide > div.row > button#pay.btn.primary';
const matches = (selector: string, path = PATH) => jsRegex(selectorRegex(selector)).test(path);

test('selectors match the element at the end of its path: tags, ids, classes, descendant and child', () => {
  for (const s of ['button', '#pay', '.primary', 'button.btn.primary', '.primary.btn', 'form#checkout button', 'form > div > button',
    'main form .row > .btn', '*#pay', 'html button', 'BUTTON#pay']) assert.ok(matches(s), s);
  for (const s of ['form', 'div', '.pri', '#pa', 'button.secondary', 'form > button', 'div form button', 'a', '.primary .btn', 'utton']) {
    assert.ok(!matches(s), s);
  }
});

test('selectors outside the supported grammar are refused, naming the parameter', () => {
  for (const s of ['a[href]', 'a:hover', 'a + b', 'a ~ b', '> a', 'a >', 'a > > b']) {
    assert.throws(() => selectorRegex(s), (e: unknown) => e instanceof SearchParamError && e.param === 'clickSelector', s);
  }
});

test('URL patterns: a part of the URL, or a wildcard pattern over all of it; case ignored', () => {
  const m = (p: string, url: string) => jsRegex(urlPatternRegex(p)).test(url);
  assert.ok(m('/Checkout', 'https://shop.test/checkout?step=2'));
  assert.ok(m('https://shop.test/product/*', 'https://shop.test/product/42'));
  assert.ok(!m('https://shop.test/product/*', 'https://evil.test/?u=https://shop.test/product/42'));
  assert.ok(m('*/product/*/reviews', 'https://shop.test/product/42/reviews'));
  assert.ok(m('a.b(c)', 'x a.b(c) y') && !m('a.b', 'axb'), 'regex characters are literal');
});

test('status ranges', () => {
  assert.deepEqual(parseStatusRange('5xx'), { min: 500, max: 599 });
  assert.deepEqual(parseStatusRange('404'), { min: 404, max: 404 });
  assert.deepEqual(parseStatusRange('400-499'), { min: 400, max: 499 });
  assert.deepEqual(parseStatusRange('failed'), { min: 0, max: 0 });
  for (const bad of ['6xx', '99', '500-400', 'abc']) assert.throws(() => parseStatusRange(bad), SearchParamError);
});

test('query strings round-trip; bad values name their parameter', () => {
  const params = new URLSearchParams('clickText=Pay&clickSelector=form%20button&visited=/cart&visited=/checkout&requestUrl=/api/checkout'
    + '&requestStatus=5xx&requestMethod=post&event=coupon&eventProp=code%3DSAVE&trait=plan%3Dpro&device=mobile&maxViewportWidth=500&hasDeadClicks=true');
  const search = searchFromParams((n) => params.getAll(n));
  assert.deepEqual(search, {
    click: { text: 'Pay', selector: 'form button' }, visited: ['/cart', '/checkout'], request: { url: '/api/checkout', method: 'POST', status: { min: 500, max: 599 } },
    event: { name: 'coupon', prop: { key: 'code', value: 'SAVE' } }, trait: { key: 'plan', value: 'pro' }, device: 'mobile', maxViewportWidth: 500, hasDeadClicks: true,
  });
  const again = new URLSearchParams(searchToParams(search));
  assert.deepEqual(searchFromParams((n) => again.getAll(n)), search);
  const bad = (q: string) => { const p = new URLSearchParams(q); return () => searchFromParams((n) => p.getAll(n)); };
  assert.throws(bad('device=phone'), /device/);
  assert.throws(bad('eventProp=a%3Db'), /eventProp/);
  assert.throws(bad('trait=novalue'), /trait/);
  assert.throws(bad('error=a&error=b'), /error/);
  assert.throws(bad(`error=${'x'.repeat(501)}`), /error/);
  assert.throws(bad('requestMethod=GET%20X'), /requestMethod/);
});
