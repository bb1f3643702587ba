import type { NetworkEvent, SessionEvent } from '@gosight/shared';

export const isNetworkEvent = (event: SessionEvent): event is NetworkEvent => event.kind === 'network';

/** Network requests in time order. */
export const networkRequests = (events: readonly SessionEvent[]): NetworkEvent[] => events.filter(isNetworkEvent);

/** A request failed: no response at all (status 0) or an HTTP error. */
export const isFailed = (event: NetworkEvent): boolean => event.request.status === 0 || event.request.status >= 400;

/** Like browser devtools: the last path segment with the query, or the host for a bare origin. */
export function requestName(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    const segments = parsed.pathname.split('/').filter(Boolean);
    const last = segments[segments.length - 1];
    if (!last) return parsed.host === 'relative.invalid' ? '/' : parsed.host;
    return `${decodeURIComponent(last)}${parsed.search}`;
  } catch {
    return url;
  }
}

/** Bytes as B / kB / MB (decimal, as browser devtools show them); unknown reads "—". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1_000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A duration in ms, rounded; sub-second as "123 ms", longer as "1.23 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(2)} s`;
}

/** A recorded body for display: JSON pretty-printed, text as is, nothing as null. */
export function formatBody(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return JSON.stringify(body, null, 2);
}
