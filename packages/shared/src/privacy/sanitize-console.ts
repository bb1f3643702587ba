import { cut, scrubJsonValue } from './redact-body.js';
import { scrubText } from './scrub-text.js';
import type { KeyMatcher } from './sensitive-key.js';

/**
 * Scrubs a console entry `{ level, payload: string[], trace: string[] }` (rrweb's console
 * plugin shape, also used for unhandled errors): each argument and stack frame is cut to
 * `maxChars` and scrubbed (scrub-text.ts). Arguments are JSON texts; those that parse are
 * scrubbed as values (secret keys of logged objects too) and re-encoded, so they stay valid
 * JSON for the server; the rest are scrubbed as text. Unknown fields are left behind.
 */
export function sanitizeConsolePayload(payload: unknown, isSensitive: KeyMatcher, maxChars: number): unknown {
  if (!payload || typeof payload !== 'object') return payload;
  const p = payload as { level?: unknown; payload?: unknown; trace?: unknown };
  const out: Record<string, unknown> = { level: p.level };
  out.payload = Array.isArray(p.payload) ? p.payload.map((arg) => cleanArgument(arg, isSensitive, maxChars)) : [];
  out.trace = Array.isArray(p.trace)
    ? p.trace.filter((frame): frame is string => typeof frame === 'string').map((frame) => scrubText(cut(frame, maxChars), isSensitive))
    : [];
  return out;
}

function cleanArgument(arg: unknown, isSensitive: KeyMatcher, maxChars: number): string {
  // The SDK sends JSON texts; a foreign client's raw values are encoded, not flattened to "[object Object]".
  const text = typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg));
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return scrubText(cut(text, maxChars), isSensitive);
  }
  if (typeof decoded === 'string') {
    const clean = scrubText(cut(decoded, maxChars), isSensitive);
    return clean === decoded ? text : JSON.stringify(clean);
  }
  if (decoded === null || typeof decoded !== 'object') {
    // A number can be a card number; a scrubbed one becomes a string.
    const clean = scrubText(text, isSensitive);
    return clean === text ? text : JSON.stringify(clean);
  }
  const clean = JSON.stringify(scrubJsonValue(decoded, isSensitive));
  return clean.length <= maxChars ? clean : scrubText(cut(clean, maxChars), isSensitive);
}
