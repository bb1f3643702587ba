import { RETRY_AFTER_MAX_MS, RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS } from './constants.js';

/**
 * Delay before the next attempt after `failures` failures in a row (1 = the first failure):
 * the server's Retry-After when it gave one (capped at 10 min), else exponential backoff from
 * 1 s to 60 s with equal jitter (half fixed, half random) so that many browsers that failed
 * together do not come back together.
 */
export function retryDelayMs(failures: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(RETRY_AFTER_MAX_MS, retryAfterMs);
  }
  const exponent = Math.min(Math.max(failures, 1) - 1, 20);
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** exponent);
  const half = ceiling / 2;
  return Math.round(half + half * clampUnit(random()));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}
