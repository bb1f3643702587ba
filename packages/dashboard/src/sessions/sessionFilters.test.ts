import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, isFiltered, sessionListPath, toListQuery } from './sessionFilters.js';

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
