import { INACTIVITY_MAX_SPEED, INACTIVITY_MIN_SKIP_MS, INACTIVITY_THRESHOLD_MS, type InactiveRange } from '@gosight/shared';

/** An inactive stretch in playback offsets (ms from the session start). */
export interface OffsetRange {
  startMs: number;
  endMs: number;
}

/** What playback does at an offset (spec §6). */
export type SkipAction =
  | { kind: 'none' }
  /** Play on at `speed` until `untilMs`, then back to the chosen speed. */
  | { kind: 'fastForward'; speed: number; untilMs: number }
  /** Move straight to `toMs`; the rest of the range is then fast-forwarded. */
  | { kind: 'jump'; toMs: number };

export interface SkipPolicy {
  /** Ranges shorter than this are not inactivity (the processor already applies it; this guards old data). */
  thresholdMs: number;
  /** Skip only when at least this much of the range is left: shorter skips save nothing and only jar. */
  minSkipMs: number;
  /** Fastest speed used inside a range. */
  maxSpeed: number;
  /** Wall time spent fast-forwarding the end of a range, so the viewer sees activity resume instead of a cut. */
  fastForwardWallMs: number;
}

export const DEFAULT_SKIP_POLICY: SkipPolicy = {
  thresholdMs: INACTIVITY_THRESHOLD_MS,
  minSkipMs: INACTIVITY_MIN_SKIP_MS,
  maxSpeed: INACTIVITY_MAX_SPEED,
  fastForwardWallMs: 1_000,
};

/** Converts the events API's epoch-ms ranges to sorted playback offsets, dropping sub-threshold ones. */
export function toOffsetRanges(ranges: readonly InactiveRange[], startedAt: number, policy = DEFAULT_SKIP_POLICY): OffsetRange[] {
  return ranges
    .filter((range) => range.end - range.start >= policy.thresholdMs)
    .map((range) => ({ startMs: range.start - startedAt, endMs: range.end - startedAt }))
    .sort((a, b) => a.startMs - b.startMs);
}

/** The range holding `offsetMs` (start inclusive, end exclusive), by binary search over sorted ranges. */
export function rangeAt(ranges: readonly OffsetRange[], offsetMs: number): OffsetRange | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (offsetMs < range.startMs) high = middle - 1;
    else if (offsetMs >= range.endMs) low = middle + 1;
    else return range;
  }
  return undefined;
}

/**
 * Decides how to get through inactivity at `offsetMs` when the viewer plays at `speed`.
 * A range's last `maxSpeed × fastForwardWallMs` (8 s at 8×) is fast-forwarded; anything
 * before that is jumped over. So every skip costs about a second of wall time however long
 * the idle stretch, and the viewer always sees the page come back to life.
 */
export function decideSkip(ranges: readonly OffsetRange[], offsetMs: number, speed: number, policy = DEFAULT_SKIP_POLICY): SkipAction {
  const range = rangeAt(ranges, offsetMs);
  if (!range) return { kind: 'none' };
  const remainingMs = range.endMs - offsetMs;
  if (remainingMs < policy.minSkipMs) return { kind: 'none' };
  const fastForwardSpanMs = policy.maxSpeed * policy.fastForwardWallMs;
  if (remainingMs > fastForwardSpanMs) return { kind: 'jump', toMs: range.endMs - fastForwardSpanMs };
  if (speed >= policy.maxSpeed) return { kind: 'none' };
  return { kind: 'fastForward', speed: policy.maxSpeed, untilMs: range.endMs };
}
