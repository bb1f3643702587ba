import { REDACTED } from './markers.js';
import { redactParams } from './redact-url.js';
import { scrubText } from './scrub-text.js';
import type { KeyMatcher } from './sensitive-key.js';

const MAX_JSON_DEPTH = 20;
const FORM_BODY = /^[^\s=&]+=[^\s&]*(?:&[^\s=&]+=?[^\s&]*)*$/;

/**
 * Redacts a recorded request or response body: JSON values under secret keys (at any depth),
 * secret fields of urlencoded forms, and everywhere the free-text secrets of scrub-text.ts.
 * Multipart bodies are not parsed and are left out whole. The result is cut at `maxChars`.
 * Anything that is not a string (the plugin only gives strings) is dropped.
 */
export function redactBody(body: unknown, isSensitive: KeyMatcher, maxChars: number): string | null | undefined {
  if (body === undefined || body === null) return body;
  if (typeof body !== 'string') return null;
  const start = body.trimStart();
  let out: string;
  if (start.startsWith('{') || start.startsWith('[')) out = redactJsonText(body, isSensitive);
  else if (start.startsWith('--')) out = '[multipart body omitted]';
  else if (FORM_BODY.test(body)) out = scrubText(redactParams(body, isSensitive), isSensitive);
  else out = scrubText(body, isSensitive);
  return out.length > maxChars ? `${out.slice(0, maxChars)}…[${out.length - maxChars} more characters]` : out;
}

function redactJsonText(text: string, isSensitive: KeyMatcher): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return scrubText(text, isSensitive);
  }
  return JSON.stringify(scrubJsonValue(parsed, isSensitive));
}

/**
 * A copy of a parsed JSON value with every value under a secret key replaced and every
 * string scrubbed (scrub-text.ts): console objects, custom event payloads, JSON bodies.
 */
export function scrubJsonValue(value: unknown, isSensitive: KeyMatcher, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, isSensitive);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrubJsonValue(item, isSensitive, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[key] = isSensitive(key) ? REDACTED : scrubJsonValue((value as Record<string, unknown>)[key], isSensitive, depth + 1);
  }
  return out;
}
