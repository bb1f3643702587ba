import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, type RrwebEvent } from '@gosight/shared';
import type { ChunkState } from '../store/index.js';
import { MAX_CHUNKS_PER_SESSION, SessionState } from './session-state.js';

const state = (index: number, dataSize = 100): ChunkState => ({
  projectId: 'p', sessionId: 's', index, timestampStart: 1_000 + index, timestampEnd: 1_000 + index, dataSize, compressedSize: 10,
  eventCount: 2, hasFullSnapshot: true, hasErrors: false, hasNetwork: false, batchSeqs: [index], clickCount: 0, errorCount: 0,
  rageClickCount: 0, deadClickCount: 0, pageUrls: [], viewportWidth: 0, viewportHeight: 0, userAgent: '', userId: '', segmentIds: [1], dataCrc: 0,
  version: 1,
});
const full: RrwebEvent = { type: EventType.FullSnapshot, timestamp: 5_000_000, data: { node: {} } };
const move: RrwebEvent = { type: EventType.IncrementalSnapshot, timestamp: 5_000_000, data: { source: 1 } };

test('a batch whose snapshots would pass the chunk indexes the store holds is refused', () => {
  const s = new SessionState('p', 's', Array.from({ length: MAX_CHUNKS_PER_SESSION - 1 }, (_, i) => state(i)));
  assert.equal(s.refusal([full], 100, 1 << 20), undefined, 'the last index is still free');
  assert.match(s.refusal([full, full], 100, 1 << 20) ?? '', /more than 65536 chunks/);
});

test('a batch without a full snapshot that would grow the open chunk past the cap is refused', () => {
  const s = new SessionState('p', 's', [state(0, 900)]);
  assert.equal(s.refusal([move], 100, 1_000), undefined);
  assert.match(s.refusal([move], 101, 1_000) ?? '', /chunk 0 would grow past 1000 bytes/);
  assert.equal(s.refusal([move, full], 5_000, 1_000), undefined, 'a full snapshot starts a new chunk');
});
