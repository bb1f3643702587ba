import { test } from 'node:test';
import assert from 'node:assert/strict';
import { healthReport } from './health.js';

test('health is ok only while no part is failing, and says what is wrong', () => {
  const disk = { path: '/data', freeBytes: 10, totalBytes: 100, reserveBytes: 50, full: true };
  const processor = { state: 'retrying' as const, since: 1, liveSessions: 2, unflushedSessions: 1, deadLettered: 0, lastError: { stage: 'flush' as const, message: 'ClickHouse is unavailable', at: 1 } };
  assert.deepEqual(healthReport({}), { ok: true, problems: [] });
  const bad = healthReport({ disk: () => disk, processor: () => processor, queue: () => ({ depth: 5, lag: 2 }) });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.problems, [
    'processor retrying: ClickHouse is unavailable',
    'disk at /data is full (10 bytes free, 50 kept in reserve): ingest answers 503 until space returns',
  ]);
  assert.deepEqual(bad.queue, { depth: 5, lag: 2 });
});
