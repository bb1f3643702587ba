import type { NetworkRequest } from '@gosight/shared';
import { capJson, capText, DERIVED_LIMITS } from './derived-limits.js';

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
    const measured = Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : Number(r.duration);
    // A client's clock can say anything: a request lasts between zero and a day.
    const durationMs = Math.round(Math.min(Math.max(Number.isNaN(measured) ? 0 : measured, 0), DERIVED_LIMITS.requestMs));
    const status = Number(r.status);
    const request: NetworkRequest = {
      url: typeof r.name === 'string' ? capText(r.name, DERIVED_LIMITS.bodyChars) : typeof r.url === 'string' ? capText(r.url, DERIVED_LIMITS.bodyChars) : '',
      method: typeof r.method === 'string' ? capText(r.method.toUpperCase(), 20) : 'GET',
      status: Number.isInteger(status) && status >= 0 && status <= 999 ? status : 0,
      type: typeof r.initiatorType === 'string' ? capText(r.initiatorType, 40) : 'other',
      durationMs,
    };
    const size = timingSize(r) ?? bodySize(r.responseBody) ?? headerSize(r.responseHeaders);
    if (size !== undefined) request.size = size;
    if (isHeaders(r.requestHeaders)) request.requestHeaders = capHeaders(r.requestHeaders);
    if (isHeaders(r.responseHeaders)) request.responseHeaders = capHeaders(r.responseHeaders);
    if (r.requestBody !== undefined && r.requestBody !== null) request.requestBody = capJson(r.requestBody, DERIVED_LIMITS.bodyChars);
    if (r.responseBody !== undefined && r.responseBody !== null) request.responseBody = capJson(r.responseBody, DERIVED_LIMITS.bodyChars);
    out.push({ timestamp: eventTimestamp - durationMs, request });
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

function capHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).slice(0, DERIVED_LIMITS.headers)
    .map(([k, v]) => [capText(k, 200), capText(v, DERIVED_LIMITS.headerValueChars)]));
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
