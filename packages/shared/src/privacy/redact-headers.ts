import { REDACTED } from './markers.js';
import type { KeyMatcher } from './sensitive-key.js';

/**
 * Headers whose values never leave the browser, whatever the options say. The key matcher
 * adds any header whose name looks secret (`X-Auth-Token`, `X-Api-Key`, `X-Session-Id`, …).
 */
export const DEFAULT_DENIED_HEADERS: readonly string[] = [
  'authorization', 'proxy-authorization', 'cookie', 'cookie2', 'set-cookie', 'set-cookie2',
  'x-api-key', 'api-key', 'apikey', 'x-auth-token', 'x-access-token', 'x-csrf-token', 'x-xsrf-token',
  'x-amz-security-token', 'x-gosight-key',
];

/** Denies the default list, the names in `extra`, and every name the key matcher flags. */
export function createHeaderDenylist(isSensitiveKey: KeyMatcher, extra: readonly string[] = []): (name: string) => boolean {
  const denied = new Set(DEFAULT_DENIED_HEADERS.concat(extra.map((name) => name.toLowerCase())));
  return (name) => denied.has(name.toLowerCase()) || isSensitiveKey(name);
}

/** A copy of `headers` with denied values replaced; non-string values are dropped. */
export function redactHeaders(headers: unknown, isDenied: (name: string) => boolean): Record<string, string> | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = (headers as Record<string, unknown>)[name];
    if (typeof value !== 'string') continue;
    out[name] = isDenied(name) ? REDACTED : value;
  }
  return out;
}
