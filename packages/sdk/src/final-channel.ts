/** How a batch leaves a page that is going away. */
export type FinalChannel = 'keepalive' | 'beacon' | 'none';

export interface FinalChannelInput {
  bodyBytes: number;
  /** Keepalive body bytes still free in this unload (browsers share ~64 KiB across requests). */
  keepaliveBytesLeft: number;
  hasKeepaliveFetch: boolean;
  hasBeacon: boolean;
}

/**
 * Keepalive fetch first because it can carry the project key header; sendBeacon for what
 * does not fit its budget (the key then goes in the query string); 'none' leaves the batch
 * queued in case the page survives (a hidden tab that comes back).
 */
export function chooseFinalChannel(input: FinalChannelInput): FinalChannel {
  if (input.hasKeepaliveFetch && input.bodyBytes <= input.keepaliveBytesLeft) return 'keepalive';
  if (input.hasBeacon) return 'beacon';
  return 'none';
}
