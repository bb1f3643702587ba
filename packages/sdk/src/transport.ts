import { PROJECT_KEY_HEADER } from '@gosight/shared';
import { canGzip, gzipText, utf8ByteLength } from './compress.js';
import { KEEPALIVE_MAX_BODY_BYTES } from './constants.js';
import { chooseFinalChannel } from './final-channel.js';
import { buildIngestUrl } from './ingest-url.js';
import type { Logger } from './logger.js';
import { outcomeForStatus, type SendOutcome } from './send-outcome.js';

/** Where batch bytes go. The send queue owns ordering and retries; a transport makes one attempt. */
export interface Transport {
  /** POSTs one batch (gzipped when possible); never rejects, a network error is 'retry'. */
  send(body: string): Promise<SendOutcome>;
  /**
   * Hands batches to the browser synchronously, in order, for delivery after the page is gone.
   * Returns how many it accepted; stops at the first refusal so order is kept.
   */
  sendFinal(bodies: readonly string[]): number;
}

type FetchLike = (url: string, init: RequestInit) => Promise<{ status: number }>;

export interface FetchTransportOptions {
  endpoint: string;
  projectKey: string;
  log: Logger;
  fetch: FetchLike | undefined;
  sendBeacon: ((url: string, data: Blob) => boolean) | undefined;
  /** Firefox before 133 silently ignores `keepalive`, so such requests would die with the page. */
  supportsKeepalive: boolean;
  gzip?: boolean;
}

/** The browser transport: fetch for normal flushes, keepalive fetch or sendBeacon on unload. */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const url = buildIngestUrl(options.endpoint);
  const beaconUrl = buildIngestUrl(options.endpoint, options.projectKey);
  const gzip = options.gzip ?? canGzip();
  const { log } = options;

  const jsonHeaders = (): Record<string, string> => ({
    'Content-Type': 'application/json',
    [PROJECT_KEY_HEADER]: options.projectKey,
  });

  async function encode(body: string): Promise<{ body: BodyInit; headers: Record<string, string> }> {
    const headers = jsonHeaders();
    if (!gzip) return { body, headers };
    try {
      const compressed = await gzipText(body);
      return { body: compressed, headers: { ...headers, 'Content-Encoding': 'gzip' } };
    } catch (error) {
      log.debug('gzip failed, sending plain JSON', error);
      return { body, headers };
    }
  }

  return {
    async send(body) {
      if (!options.fetch) return 'drop';
      try {
        const request = await encode(body);
        const response = await options.fetch(url, {
          method: 'POST',
          body: request.body,
          headers: request.headers,
          credentials: 'omit',
        });
        const outcome = outcomeForStatus(response.status);
        if (outcome !== 'ok') log.debug(`batch answered ${response.status}: ${outcome}`);
        return outcome;
      } catch (error) {
        log.debug('batch send failed, will retry', error);
        return 'retry';
      }
    },

    sendFinal(bodies) {
      // Plain JSON: there is no time to await CompressionStream while the page unloads.
      let keepaliveBytesLeft = KEEPALIVE_MAX_BODY_BYTES;
      let accepted = 0;
      for (const body of bodies) {
        const bodyBytes = utf8ByteLength(body);
        const channel = chooseFinalChannel({
          bodyBytes,
          keepaliveBytesLeft,
          hasKeepaliveFetch: options.fetch !== undefined && options.supportsKeepalive,
          hasBeacon: options.sendBeacon !== undefined,
        });
        if (channel === 'keepalive' && options.fetch) {
          keepaliveBytesLeft -= bodyBytes;
          options
            .fetch(url, { method: 'POST', body, headers: jsonHeaders(), credentials: 'omit', keepalive: true })
            .catch((error: unknown) => log.debug('final keepalive send failed', error));
        } else if (channel === 'beacon' && options.sendBeacon && trySendBeacon(options.sendBeacon, beaconUrl, body)) {
          // Queued by the browser; nothing to await.
        } else {
          log.debug(`final send refused for batch ${accepted}; keeping it`);
          break;
        }
        accepted++;
      }
      return accepted;
    },
  };
}

function trySendBeacon(sendBeacon: (url: string, data: Blob) => boolean, url: string, body: string): boolean {
  try {
    return sendBeacon(url, new Blob([body], { type: 'application/json' }));
  } catch {
    return false;
  }
}
