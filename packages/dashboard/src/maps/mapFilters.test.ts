import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapFiltersFromParams, mapFiltersToParams, toMapQuery } from './mapFilters.js';

test('a map link keeps the page, days, device, width and view', () => {
  const params = new URLSearchParams('url=%2Fpricing&from=2026-11-01&to=2026-11-02&device=desktop&width=1280&view=scroll');
  const filters = mapFiltersFromParams(params);
  assert.deepEqual(filters, { url: '/pricing', fromDate: '2026-11-01', toDate: '2026-11-02', device: 'desktop', width: 1280, view: 'scroll' });
  assert.equal(mapFiltersToParams(filters).toString(), params.toString());
});

test('a width asks the API for that one width; none asks for every width', () => {
  const query = toMapQuery(mapFiltersFromParams(new URLSearchParams('url=/pricing&width=390')));
  assert.deepEqual(query, { url: '/pricing', minViewportWidth: 390, maxViewportWidth: 390 });
  const any = toMapQuery(mapFiltersFromParams(new URLSearchParams('url=/pricing')));
  assert.deepEqual(any, { url: '/pricing' });
});

test('a width no screen has, or not a whole number, is not taken from a link', () => {
  for (const width of ['-1', '65536', '12.5', '1e3', 'wide', '']) {
    assert.equal(mapFiltersFromParams(new URLSearchParams({ url: '/p', width })).width, '', width);
  }
});
