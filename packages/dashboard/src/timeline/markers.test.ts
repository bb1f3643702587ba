import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionEvent } from '@gosight/shared';
import { clusterMarkers, toMarkers, type TimelineMarker } from './markers.js';

const START = 1_700_000_000_000;
const base = { chunkIndex: 0, label: 'x', severity: 'info' as const };
const events: SessionEvent[] = [
  { ...base, id: 'c', kind: 'click', timestamp: START + 3_000, x: 1, y: 2, nodeId: 5, count: 1 },
  { ...base, id: 'p', kind: 'page_view', timestamp: START, url: 'http://x/', viewportWidth: 1, viewportHeight: 1 },
  { ...base, id: 'n', kind: 'network', timestamp: START + 4_000, request: { url: '/a', method: 'GET', status: 200, type: 'fetch', durationMs: 3 } },
  { ...base, id: 'l', kind: 'console', timestamp: START + 5_000, level: 'warn', message: 'w' },
  { ...base, id: 'e', kind: 'error', severity: 'error', timestamp: START + 6_000, level: 'error', message: 'boom' },
];

test('keeps the timeline kinds, as offsets in time order', () => {
  const markers = toMarkers(events, START);
  assert.deepEqual(
    markers.map((marker) => [marker.id, marker.offsetMs]),
    [['p', 0], ['c', 3_000], ['e', 6_000]],
  );
  assert.equal(markers[2].severity, 'error');
});

const marker = (id: string, offsetMs: number, severity: TimelineMarker['severity'] = 'info'): TimelineMarker => ({
  id,
  kind: severity === 'error' ? 'error' : 'click',
  offsetMs,
  label: id,
  severity,
});

test('merges markers closer than the gap; the most severe one colours the cluster', () => {
  // 100 s on 1000 px: 1 px per 100 ms.
  const clusters = clusterMarkers([marker('a', 10_000), marker('b', 10_400, 'error'), marker('c', 11_000), marker('d', 50_000)], 100_000, 1_000, 8);
  assert.equal(clusters.length, 3);
  assert.deepEqual(clusters[0].markers.map((m) => m.id), ['a', 'b']);
  assert.equal(clusters[0].severity, 'error');
  assert.equal(clusters[0].kind, 'error');
  assert.equal(clusters[0].offsetMs, 10_000, 'a click seeks to the earliest member');
  assert.equal(clusters[0].leftPercent, 10);
  assert.deepEqual(clusters[1].markers.map((m) => m.id), ['c']);
  assert.equal(clusters[2].leftPercent, 50);
});

test('bounds the number drawn however many events there are', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => marker(String(i), i * 1_440));
  const clusters = clusterMarkers(many, 4 * 3_600_000, 800, 6);
  assert.ok(clusters.length <= 800 / 6 + 1, `${clusters.length} clusters`);
  assert.equal(clusters.reduce((n, c) => n + c.markers.length, 0), 10_000);
});

test('draws nothing before the track is measured', () => {
  assert.deepEqual(clusterMarkers([marker('a', 1)], 100, 0, 6), []);
  assert.deepEqual(clusterMarkers([marker('a', 1)], 0, 100, 6), []);
});
