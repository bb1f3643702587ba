/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIngestUrl } from './ingest-url.js';

test('appends the ingest path to the endpoint', () => {
  assert.equal(buildIngestUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000/v1/replay');
  assert.equal(buildIngestUrl('https://example.com/gosight'), 'https://example.com/gosight/v1/replay');
});

test('puts an escaped project key in the query for beacons', () => {
  assert.equal(buildIngestUrl('http://h', 'pk a&b'), 'http://h/v1/replay?key=pk%20a%26b');
});
