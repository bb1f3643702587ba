import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, isFiltered, searchOfParams, sessionListPath, toListQuery } from './sessionFilters.js';

test('a plain list URL means the default filters, and the defaults write no parameters', () => {
  assert.deepEqual(filtersFromParams(new URLSearchParams('')), DEFAULT_FILTERS);
  assert.equal(filtersToParams(DEFAULT_FILTERS).toString(), '');
  assert.equal(isFiltered(DEFAULT_FILTERS), false);
});

test('filters survive a round trip through the page URL', () => {
  const filters = {
    url: 'checkout',
    fromDate: '2026-11-01',
    toDate: '2026-11-26',
    minDurationMs: 60_000,
    maxDurationMs: 600_000,
    hasErrors: true,
    hasRageClicks: true,
    sort: 'most_errors' as const,
    offset: 50,
    search: {},
  };
  const params = filtersToParams(filters);
  assert.equal(
    params.toString(),
    'url=checkout&from=2026-11-01&to=2026-11-26&minDurationMs=60000&maxDurationMs=600000&hasErrors=true&hasRageClicks=true&sort=most_errors&offset=50',
  );
  assert.deepEqual(filtersFromParams(params), filters);
  assert.equal(isFiltered(filters), true);
});

test('malformed parameters fall back to the defaults', () => {
  const filters = filtersFromParams(new URLSearchParams('sort=random&from=yesterday&minDurationMs=-5&offset=abc&hasErrors=1'));
  assert.deepEqual(filters, DEFAULT_FILTERS);
});

test('the API query turns days into local-day bounds and leaves out what is unset', () => {
  const query = toListQuery({ ...DEFAULT_FILTERS, url: '  /cart ', fromDate: '2026-11-01', toDate: '2026-11-02', hasErrors: true }, 25);
  assert.deepEqual(query, {
    limit: 25,
    offset: 0,
    sort: 'newest',
    url: '/cart',
    from: new Date(2026, 10, 1).getTime(),
    to: new Date(2026, 10, 3).getTime() - 1,
    hasErrors: true,
  });
  assert.equal(
    sessionListPath(query),
    `/api/sessions?limit=25&offset=0&sort=newest&url=%2Fcart&from=${query.from}&to=${query.to}&hasErrors=true`,
  );
  assert.equal(sessionListPath(toListQuery({ ...DEFAULT_FILTERS, minDurationMs: 0, sort: 'longest' }, 10)), '/api/sessions?limit=10&offset=0&sort=longest&minDurationMs=0');
});

test('search filters live in the URL and in the API query, sequences in order', () => {
  const search = { click: { selector: 'form > button' }, visited: ['/cart', '/checkout'], request: { url: '/api/checkout', status: { min: 500, max: 599 } } };
  const filters = { ...DEFAULT_FILTERS, search };
  const params = filtersToParams(filters);
  assert.equal(params.toString(), 'clickSelector=form+%3E+button&visited=%2Fcart&visited=%2Fcheckout&requestUrl=%2Fapi%2Fcheckout&requestStatus=5xx');
  assert.deepEqual(filtersFromParams(params), filters);
  assert.equal(isFiltered(filters), true);
  assert.equal(sessionListPath(toListQuery(filters, 25)),
    '/api/sessions?limit=25&offset=0&sort=newest&clickSelector=form+%3E+button&visited=%2Fcart&visited=%2Fcheckout&requestUrl=%2Fapi%2Fcheckout&requestStatus=5xx');
});

test('a malformed search value in a link is left out and named; the rest stays', () => {
  const { search, error } = searchOfParams(new URLSearchParams('clickText=Pay&device=watch&eventProp=a%3Db'));
  assert.deepEqual(search, { click: { text: 'Pay' } });
  assert.match(error ?? '', /device/);
  assert.match(error ?? '', /eventProp/);
});
