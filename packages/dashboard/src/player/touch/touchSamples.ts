import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';
import type { TouchSample } from './touchFrame.js';

/** rrweb's MouseInteractions.TouchStart / TouchEnd / TouchCancel. */
const TOUCH_START = 7;
const TOUCH_END = 9;
const TOUCH_CANCEL = 10;

interface TouchData {
  source?: number;
  type?: number;
  x?: number;
  y?: number;
  positions?: Array<{ x: number; y: number; timeOffset: number }>;
}

/** The touch samples one rrweb event carries: a finger down or up, or a batch of moves. */
export function touchSamplesOf(event: RrwebEvent): TouchSample[] {
  if (event.type !== EventType.IncrementalSnapshot) return [];
  const data = (event.data ?? {}) as TouchData;
  if (data.source === IncrementalSource.MouseInteraction && (data.type === TOUCH_START || data.type === TOUCH_END || data.type === TOUCH_CANCEL)) {
    return [{ kind: data.type === TOUCH_START ? 'start' : 'end', x: data.x ?? 0, y: data.y ?? 0, at: event.timestamp }];
  }
  if (data.source === IncrementalSource.TouchMove && Array.isArray(data.positions)) {
    // Moves are batched: each position's timeOffset (≤ 0) says when it happened before the batch.
    return data.positions.map((position) => ({ kind: 'move', x: position.x, y: position.y, at: event.timestamp + position.timeOffset }));
  }
  return [];
}

/**
 * Inserts samples keeping time order (a move batch can arrive after the finger went up)
 * and forgets what is older than `keepMs` before the newest sample.
 */
export function mergeSamples(history: readonly TouchSample[], added: readonly TouchSample[], keepMs: number): TouchSample[] {
  const merged = [...history, ...added].sort((a, b) => a.at - b.at || order(a) - order(b));
  const newest = merged[merged.length - 1]?.at ?? 0;
  return merged.filter((sample) => newest - sample.at <= keepMs);
}

/** At equal times a finger goes down before it moves and moves before it lifts. */
const order = (sample: TouchSample): number => (sample.kind === 'start' ? 0 : sample.kind === 'move' ? 1 : 2);
