import { redactBody } from './redact-body.js';
import { redactHeaders } from './redact-headers.js';
import { redactUrl } from './redact-url.js';
import type { KeyMatcher } from './sensitive-key.js';

/** What network recording may keep, from the options. */
export interface NetworkPrivacy {
  isSensitiveKey: KeyMatcher;
  isDeniedHeader: (name: string) => boolean;
  recordHeaders: boolean;
  recordBody: boolean;
  maxBodyChars: number;
}

/** Fields of rrweb's NetworkRequest (plus the sizes we add) that may leave the browser. */
const PLAIN_FIELDS = [
  'method', 'status', 'initiatorType', 'entryType', 'startTime', 'endTime', 'duration',
  'transferSize', 'encodedBodySize', 'decodedBodySize',
] as const;

/**
 * Rebuilds the network plugin's `{ requests: [...] }` from an allowlist of fields: URLs with
 * secret parameters redacted, headers through the denylist (or none), bodies redacted by key
 * (or none). Anything the plugin adds in a later version is left behind until allowed here.
 */
export function sanitizeNetworkPayload(payload: unknown, privacy: NetworkPrivacy): { requests: Record<string, unknown>[]; isInitial?: boolean } | null {
  if (!payload || typeof payload !== 'object') return null;
  const requests = (payload as { requests?: unknown }).requests;
  if (!Array.isArray(requests)) return null;
  const out: { requests: Record<string, unknown>[]; isInitial?: boolean } = { requests: [] };
  if ((payload as { isInitial?: unknown }).isInitial === true) out.isInitial = true;
  for (const request of requests) {
    const clean = sanitizeRequest(request, privacy);
    if (clean) out.requests.push(clean);
  }
  return out;
}

function sanitizeRequest(request: unknown, privacy: NetworkPrivacy): Record<string, unknown> | null {
  if (!request || typeof request !== 'object') return null;
  const r = request as Record<string, unknown>;
  if (typeof r.name !== 'string') return null;
  const out: Record<string, unknown> = { name: redactUrl(r.name, privacy.isSensitiveKey) };
  for (const field of PLAIN_FIELDS) {
    const value = r[field];
    if (typeof value === 'number' || (typeof value === 'string' && value.length <= 64)) out[field] = value;
  }
  if (privacy.recordHeaders) {
    const requestHeaders = redactHeaders(r.requestHeaders, privacy.isDeniedHeader);
    const responseHeaders = redactHeaders(r.responseHeaders, privacy.isDeniedHeader);
    if (requestHeaders) out.requestHeaders = requestHeaders;
    if (responseHeaders) out.responseHeaders = responseHeaders;
  }
  if (privacy.recordBody) {
    const requestBody = redactBody(r.requestBody, privacy.isSensitiveKey, privacy.maxBodyChars);
    const responseBody = redactBody(r.responseBody, privacy.isSensitiveKey, privacy.maxBodyChars);
    if (typeof requestBody === 'string') out.requestBody = requestBody;
    if (typeof responseBody === 'string') out.responseBody = responseBody;
  }
  return out;
}
