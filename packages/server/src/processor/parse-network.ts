import type { NetworkRequest } from '@gosight/shared';

/**
 * Reads the payload of rrweb's network plugin `{ requests: [...] }` into requests with an
 * absolute start time. The plugin's times are performance.now()-based; it emits once a
 * request ends, so the start is the event's time less the request's duration.
 */
export function parseNetworkPayload(payload: unknown, eventTimestamp: number): { timestamp: number; request: NetworkRequest }[] {
  const requests = (payload as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) return [];
  const out: { timestamp: number; request: NetworkRequest }[] = [];
  for (const raw of requests) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const start = Number(r.startTime);
    const end = Number(r.endTime);
    const durationMs = Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : Number(r.duration) || 0;
    const request: NetworkRequest = {
      url: typeof r.name === 'string' ? r.name : typeof r.url === 'string' ? r.url : '',
      method: typeof r.method === 'string' ? r.method.toUpperCase() : 'GET',
      status: Number(r.status) || 0,
      type: typeof r.initiatorType === 'string' ? r.initiatorType : 'other',
      durationMs: Math.round(durationMs),
    };
    const size = timingSize(r) ?? bodySize(r.responseBody) ?? headerSize(r.responseHeaders);
    if (size !== undefined) request.size = size;
    if (isHeaders(r.requestHeaders)) request.requestHeaders = r.requestHeaders;
    if (isHeaders(r.responseHeaders)) request.responseHeaders = r.responseHeaders;
    if (r.requestBody !== undefined && r.requestBody !== null) request.requestBody = r.requestBody;
    if (r.responseBody !== undefined && r.responseBody !== null) request.responseBody = r.responseBody;
    out.push({ timestamp: eventTimestamp - Math.round(durationMs), request });
  }
  return out;
}

/** Bytes from Resource Timing, as the SDK records them: transferred, else encoded, else decoded body. */
function timingSize(r: Record<string, unknown>): number | undefined {
  for (const field of ['transferSize', 'encodedBodySize', 'decodedBodySize']) {
    const n = Number(r[field]);
    if (Number.isFinite(n) && n > 0) return n;
  }
  return undefined;
}

const isHeaders = (h: unknown): h is Record<string, string> =>
  !!h && typeof h === 'object' && !Array.isArray(h) && Object.values(h).every((v) => typeof v === 'string');

function headerSize(headers: unknown): number | undefined {
  if (!isHeaders(headers)) return undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-length');
  const n = entry ? Number(entry[1]) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function bodySize(body: unknown): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body && typeof body === 'object') return Buffer.byteLength(JSON.stringify(body));
  return undefined;
}
