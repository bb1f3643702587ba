import { redactSecretsInText } from './redact-url.js';
import type { KeyMatcher } from './sensitive-key.js';

/**
 * Cuts each console argument and stack frame to `maxChars` and redacts secret URL parameters
 * and `"key":"value"` pairs in them. Arguments are the plugin's JSON texts; a cut string
 * argument is re-encoded so it stays valid JSON for the server.
 */
export function sanitizeConsolePayload(payload: unknown, isSensitive: KeyMatcher, maxChars: number): unknown {
  if (!payload || typeof payload !== 'object') return payload;
  const p = payload as { level?: unknown; payload?: unknown; trace?: unknown };
  const out: Record<string, unknown> = { level: p.level };
  out.payload = Array.isArray(p.payload) ? p.payload.map((arg) => cleanArgument(arg, isSensitive, maxChars)) : [];
  out.trace = Array.isArray(p.trace)
    ? p.trace.filter((frame): frame is string => typeof frame === 'string').map((frame) => redactSecretsInText(cut(frame, maxChars), isSensitive))
    : [];
  return out;
}

function cleanArgument(arg: unknown, isSensitive: KeyMatcher, maxChars: number): string {
  const text = typeof arg === 'string' ? arg : String(arg);
  if (text.length <= maxChars) return redactSecretsInText(text, isSensitive);
  if (text.startsWith('"')) {
    try {
      const decoded: unknown = JSON.parse(text);
      if (typeof decoded === 'string') return JSON.stringify(redactSecretsInText(cut(decoded, maxChars), isSensitive));
    } catch {
      // Not a JSON string after all: cut the raw text below.
    }
  }
  return redactSecretsInText(cut(text, maxChars), isSensitive);
}

const cut = (text: string, maxChars: number): string =>
  text.length > maxChars ? `${text.slice(0, maxChars)}…[${text.length - maxChars} more characters]` : text;
