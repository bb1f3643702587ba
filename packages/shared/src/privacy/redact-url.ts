import { REDACTED_INLINE } from './markers.js';
import type { KeyMatcher } from './sensitive-key.js';

/**
 * Redacts the values of secret query parameters (`?token=…`, `&api_key=…`), of secret
 * parameters in a fragment (`#access_token=…`, `#/reset?code=…`) and the password of
 * `user:password@` in a URL, keeping everything else byte for byte so the URL still reads
 * (and links still resolve) in the replay.
 */
export function redactUrl(url: string, isSensitive: KeyMatcher): string {
  if (typeof url !== 'string') return url;
  if (url.indexOf('?') === -1 && url.indexOf('#') === -1 && url.indexOf('@') === -1) return url;
  const hashAt = url.indexOf('#');
  let main = hashAt === -1 ? url : url.slice(0, hashAt);
  let hash = hashAt === -1 ? null : url.slice(hashAt + 1);
  main = main.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, `$1:${REDACTED_INLINE}@`);
  const queryAt = main.indexOf('?');
  if (queryAt !== -1) main = main.slice(0, queryAt + 1) + redactParams(main.slice(queryAt + 1), isSensitive);
  if (hash !== null) {
    const hashQueryAt = hash.indexOf('?');
    if (hashQueryAt !== -1) hash = hash.slice(0, hashQueryAt + 1) + redactParams(hash.slice(hashQueryAt + 1), isSensitive);
    else if (hash.indexOf('=') !== -1) hash = redactParams(hash, isSensitive);
  }
  return hash === null ? main : `${main}#${hash}`;
}

/** `a=1&token=x` → `a=1&token=REDACTED`; also the body of an urlencoded form. */
export function redactParams(query: string, isSensitive: KeyMatcher): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq === -1) return part;
      return isSensitive(decodeName(part.slice(0, eq))) ? `${part.slice(0, eq)}=${REDACTED_INLINE}` : part;
    })
    .join('&');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
