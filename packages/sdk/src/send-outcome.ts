/** What the send queue does with a batch after one attempt. */
export type SendOutcome = 'ok' | 'retry' | 'drop';

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
