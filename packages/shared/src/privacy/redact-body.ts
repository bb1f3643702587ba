import { REDACTED } from './markers.js';
import { redactParams } from './redact-url.js';
import { scrubText } from './scrub-text.js';
import type { KeyMatcher } from './sensitive-key.js';

const MAX_JSON_DEPTH = 20;
/** `a=1&b=&c`: each field a name, then optionally `=value` (unambiguous, so it runs in linear time). */
const FORM_BODY = /^[^\s=&]+=[^\s&]*(?:&[^\s=&]+(?:=[^\s&]*)?)*$/;

/**
 * Redacts a recorded request or response body: JSON values under secret keys (at any depth),
 * secret fields of urlencoded forms, and everywhere the free-text secrets of scrub-text.ts.
 * Multipart bodies are not parsed and are left out whole. The result is cut at `maxChars`,
 * and text is cut before it is scrubbed, so a large body costs no more than what is kept.
 * Anything that is not a string (the plugin only gives strings) is dropped.
 */
export function redactBody(body: unknown, isSensitive: KeyMatcher, maxChars: number): string | null | undefined {
  if (body === undefined || body === null) return body;
  if (typeof body !== 'string') return null;
  const start = body.trimStart();
  if (start.startsWith('--')) return '[multipart body omitted]';
  if (start.startsWith('{') || start.startsWith('[')) {
    const parsed = parseJson(body);
    if (parsed !== undefined) {
      if (body.length <= maxChars) return JSON.stringify(scrubJsonValue(parsed, isSensitive));
      // Secret keys are redacted in the whole tree (a cheap walk); free text only in what is kept.
      return scrubText(cut(JSON.stringify(walkJson(parsed, isSensitive, 0, keepString)), maxChars), isSensitive);
    }
  }
  const kept = cut(body, maxChars);
  return scrubText(FORM_BODY.test(kept) ? redactParams(kept, isSensitive) : kept, isSensitive);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `text` cut to `maxChars`, saying how much was cut (bodies, console arguments, stack frames). */
export const cut = (text: string, maxChars: number): string =>
  text.length > maxChars ? `${text.slice(0, maxChars)}…[${text.length - maxChars} more characters]` : text;

const keepString = (text: string): string => text;

/**
 * A copy of a parsed JSON value with every value under a secret key replaced and every
 * string scrubbed (scrub-text.ts): console objects, custom event payloads, JSON bodies.
 */
export function scrubJsonValue(value: unknown, isSensitive: KeyMatcher, depth = 0): unknown {
  return walkJson(value, isSensitive, depth, (text) => scrubText(text, isSensitive));
}

function walkJson(value: unknown, isSensitive: KeyMatcher, depth: number, onString: (text: string) => string): unknown {
  if (typeof value === 'string') return onString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => walkJson(item, isSensitive, depth + 1, onString));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[key] = isSensitive(key) ? REDACTED : walkJson((value as Record<string, unknown>)[key], isSensitive, depth + 1, onString);
  }
  return out;
}
