/** How a batch leaves a page that is going away. */
export type FinalChannel = 'keepalive' | 'keepalive-gzip' | 'beacon' | 'none';

export interface FinalChannelInput {
  /** UTF-8 size of the plain JSON body. */
  plainBytes: number;
  /** Size once gzipped, when it was worth computing (the plain body did not fit). */
  gzipBytes?: number;
  /** Bytes still free in this unload: browsers share ~64 KiB across keepalive requests and beacons. */
  bytesLeft: number;
  hasKeepaliveFetch: boolean;
  hasBeacon: boolean;
}

/**
 * Keepalive fetch first because it can carry the project key header and Content-Encoding;
 * plain when it fits, gzipped when only that fits; sendBeacon (plain JSON, key in the query)
 * where keepalive is missing; 'none' leaves the batch parked for the next page.
 */
export function chooseFinalChannel(input: FinalChannelInput): FinalChannel {
  if (input.hasKeepaliveFetch) {
    if (input.plainBytes <= input.bytesLeft) return 'keepalive';
    if (input.gzipBytes !== undefined && input.gzipBytes <= input.bytesLeft) return 'keepalive-gzip';
    return 'none';
  }
  if (input.hasBeacon && input.plainBytes <= input.bytesLeft) return 'beacon';
  return 'none';
}
