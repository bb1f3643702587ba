import { PROJECT_KEY_HEADER } from '@gosight/shared';
import { joinParts, type BodyParts } from './batch.js';
import { canGzip, gzipText, utf8ByteLength } from './compress.js';
import type { WorkerSender } from './worker-sender.js';
import { KEEPALIVE_MAX_BODY_BYTES } from './constants.js';
import { chooseFinalChannel } from './final-channel.js';
import { buildIngestUrl } from './ingest-url.js';
import type { Logger } from './logger.js';
import { outcomeForStatus, parseRetryAfter, type SendResult } from './send-outcome.js';

/** Where batch bytes go. The send queue owns ordering and retries; a transport makes one attempt. */
export interface Transport {
  /** POSTs one batch, given in pieces (gzipped when possible); never rejects: a network error is 'retry'. */
  send(parts: BodyParts): Promise<SendResult>;
  /**
   * Hands batches to the browser synchronously, in order, for delivery after the page is gone.
   * Returns how many it accepted; stops at the first refusal so order is kept.
   */
  sendFinal(bodies: readonly string[]): number;
}

type FetchLike = (url: string, init: RequestInit) => Promise<{ status: number; headers?: { get(name: string): string | null } }>;

export interface FetchTransportOptions {
  endpoint: string;
  projectKey: string;
  log: Logger;
  fetch: FetchLike | undefined;
  sendBeacon: ((url: string, data: Blob) => boolean) | undefined;
  /** Firefox before 133 silently ignores `keepalive`, so such requests would die with the page. */
  supportsKeepalive: boolean;
  /** While the page is hidden, requests go with `keepalive` so a tab killed in the background still delivers. */
  isPageHidden?: () => boolean;
  /** Gzip and POST off the main thread (worker-sender.ts); when it fails, fetch from the main thread. */
  worker?: WorkerSender | null;
  /** Synchronous gzip for the unload path; without it, large final batches are parked instead. */
  gzipSync?: (text: string) => Uint8Array<ArrayBuffer> | undefined;
  gzip?: boolean;
  now?: () => number;
}

/** The browser transport: the sender worker (or fetch) for normal flushes, keepalive fetch or sendBeacon on unload. */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const url = buildIngestUrl(options.endpoint);
  const beaconUrl = buildIngestUrl(options.endpoint, options.projectKey);
  const gzip = options.gzip ?? canGzip();
  const now = options.now ?? Date.now;
  const { log } = options;
  const hasKeepaliveFetch = options.fetch !== undefined && options.supportsKeepalive;

  const headers = (encoding?: 'gzip'): Record<string, string> => {
    const h: Record<string, string> = { 'Content-Type': 'application/json', [PROJECT_KEY_HEADER]: options.projectKey };
    if (encoding) h['Content-Encoding'] = encoding;
    return h;
  };

  async function encode(parts: BodyParts): Promise<{ body: BodyInit; headers: Record<string, string>; bytes: number }> {
    if (gzip) {
      try {
        const compressed = await gzipText(parts);
        return { body: compressed, headers: headers('gzip'), bytes: compressed.byteLength };
      } catch (error) {
        log.debug('gzip failed, sending plain JSON', error);
      }
    }
    const body = joinParts(parts);
    return { body, headers: headers(), bytes: utf8ByteLength(body) };
  }

  const resultOf = (status: number, retryAfter: string | null): SendResult => {
    const outcome = outcomeForStatus(status);
    if (outcome === 'ok') return { outcome };
    log.debug(`batch answered ${status}: ${outcome}`);
    const retryAfterMs = outcome === 'retry' ? parseRetryAfter(retryAfter, now()) : undefined;
    return retryAfterMs === undefined ? { outcome } : { outcome, retryAfterMs };
  };

  return {
    async send(parts) {
      // A hidden page sends from the main thread, with keepalive, so a tab killed in the background still delivers.
      if (options.worker && options.isPageHidden?.() !== true) {
        try {
          const answer = await options.worker.send(url, headers(), parts);
          return 'networkError' in answer ? { outcome: 'retry' } : resultOf(answer.status, answer.retryAfter);
        } catch {
          // The worker is gone; the main thread takes over below.
        }
      }
      if (!options.fetch) return { outcome: 'drop' };
      try {
        const request = await encode(parts);
        const keepalive = hasKeepaliveFetch && request.bytes <= KEEPALIVE_MAX_BODY_BYTES && options.isPageHidden?.() === true;
        const response = await options.fetch(url, {
          method: 'POST',
          body: request.body,
          headers: request.headers,
          credentials: 'omit',
          keepalive,
        });
        return resultOf(response.status, response.headers?.get('retry-after') ?? null);
      } catch (error) {
        log.debug('batch send failed, will retry', error);
        return { outcome: 'retry' };
      }
    },

    sendFinal(bodies) {
      let bytesLeft = KEEPALIVE_MAX_BODY_BYTES;
      let accepted = 0;
      for (const body of bodies) {
        const plainBytes = utf8ByteLength(body);
        const gzipped = hasKeepaliveFetch && plainBytes > bytesLeft ? options.gzipSync?.(body) : undefined;
        const channel = chooseFinalChannel({
          plainBytes,
          gzipBytes: gzipped?.byteLength,
          bytesLeft,
          hasKeepaliveFetch,
          hasBeacon: options.sendBeacon !== undefined,
        });
        if ((channel === 'keepalive' || channel === 'keepalive-gzip') && options.fetch) {
          const gz = channel === 'keepalive-gzip' && gzipped;
          bytesLeft -= gz ? gz.byteLength : plainBytes;
          if (!fireKeepalive(options.fetch, url, gz || body, headers(gz ? 'gzip' : undefined), log)) break;
        } else if (channel === 'beacon' && options.sendBeacon && trySendBeacon(options.sendBeacon, beaconUrl, body)) {
          bytesLeft -= plainBytes;
        } else {
          log.debug(`final send refused for batch ${accepted}; parking it`);
          break;
        }
        accepted++;
      }
      return accepted;
    },
  };
}

/** Starts a keepalive request; false if fetch refused it synchronously. */
function fireKeepalive(fetch: FetchLike, url: string, body: BodyInit, headers: Record<string, string>, log: Logger): boolean {
  try {
    fetch(url, { method: 'POST', body, headers, credentials: 'omit', keepalive: true })
      .catch((error: unknown) => log.debug('final keepalive send failed', error));
    return true;
  } catch {
    return false;
  }
}

/** text/plain is CORS-safelisted, so a beacon needs no preflight (which beacons cannot do). */
function trySendBeacon(sendBeacon: (url: string, data: Blob) => boolean, url: string, body: string): boolean {
  try {
    return sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  } catch {
    return false;
  }
}
