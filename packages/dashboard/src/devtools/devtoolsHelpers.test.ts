import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsoleEvent, NetworkEvent, SessionEvent } from '@gosight/shared';
import { consoleEntries, countByFilter, filterConsole } from './consoleEntries.js';
import { formatBody, formatBytes, formatDuration, isFailed, networkRequests, requestName } from './networkRows.js';

const base = { chunkIndex: 0, label: 'x', severity: 'info' as const, timestamp: 1 };
const entry = (id: string, level: ConsoleEvent['level'], message: string, stack?: string): ConsoleEvent => ({
  ...base,
  id,
  kind: level === 'error' ? 'error' : 'console',
  level,
  message,
  stack,
});
const request = (id: string, status: number, url = '/api/items?page=2'): NetworkEvent => ({
  ...base,
  id,
  kind: 'network',
  request: { url, method: 'GET', status, type: 'fetch', durationMs: 12, size: 1_530 },
});

const events: SessionEvent[] = [
  entry('e', 'error', 'TypeError: x is null', 'at checkout (app.js:3:1)'),
  request('n1', 200),
  entry('w', 'warn', 'slow list'),
  entry('a', 'assert', 'Assertion failed'),
  entry('d', 'debug', 'debug detail'),
  request('n2', 404),
];

test('console: entries, level filters with counts, and text search', () => {
  const entries = consoleEntries(events);
  assert.deepEqual(entries.map((e) => e.id), ['e', 'w', 'a', 'd']);
  assert.deepEqual(countByFilter(entries), { all: 4, error: 2, warn: 1, info: 0, log: 0, debug: 1 });
  assert.deepEqual(filterConsole(entries, 'error', '').map((e) => e.id), ['e', 'a']);
  assert.deepEqual(filterConsole(entries, 'all', 'CHECKOUT').map((e) => e.id), ['e'], 'search covers the stack');
});

test('network: requests, failures and display formats', () => {
  const requests = networkRequests(events);
  assert.deepEqual(requests.map((r) => [r.id, isFailed(r)]), [['n1', false], ['n2', true]]);
  assert.equal(isFailed(request('x', 0)), true, 'no response at all');
  assert.equal(requestName('http://127.0.0.1:3000/demo/api/list.json?v=1'), 'list.json?v=1');
  assert.equal(requestName('https://example.com/'), 'example.com');
  assert.equal(requestName('/a/b%20c'), 'b c');
  assert.equal(formatBytes(undefined), '—');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1_530), '1.5 kB');
  assert.equal(formatBytes(2_400_000), '2.4 MB');
  assert.equal(formatDuration(12.4), '12 ms');
  assert.equal(formatDuration(1_234), '1.23 s');
  assert.equal(formatBody('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(formatBody('plain text'), 'plain text');
  assert.equal(formatBody({ b: [1] }), '{\n  "b": [\n    1\n  ]\n}');
  assert.equal(formatBody(undefined), null);
});
