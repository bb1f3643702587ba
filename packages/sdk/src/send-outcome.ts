/** What the send queue does with a batch after one attempt. */
export type SendOutcome = 'ok' | 'retry' | 'drop';

/** One attempt's result; `retryAfterMs` when the server said when to come back. */
export interface SendResult {
  outcome: SendOutcome;
  retryAfterMs?: number;
}

/**
 * 429 and 5xx are the server's problem and may pass, so the batch is kept; any other non-2xx
 * means the batch itself is unacceptable (bad key, too large, malformed) and resending the
 * same bytes cannot help.
 */
export function outcomeForStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || status >= 500) return 'retry';
  return 'drop';
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse would also read '-5' as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
