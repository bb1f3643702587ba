import { REDACTED_URL_VALUE } from '../constants.js';
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
  main = main.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, `$1:${REDACTED_URL_VALUE}@`);
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
      return isSensitive(decodeName(part.slice(0, eq))) ? `${part.slice(0, eq)}=${REDACTED_URL_VALUE}` : part;
    })
    .join('&');
}

const PARAM_IN_TEXT = /([?&#;])([^=&#\s"'<>?]+)=([^&#\s"'<>)]*)/g;
const JSON_PAIR_IN_TEXT = /"([^"\\]{1,100})"\s*:\s*(?:"(?:[^"\\]|\\.)*"|-?[\d.eE+-]+|true|false)/g;

/**
 * Redacts secrets inside free text (console messages, stack traces, non-JSON bodies): query
 * parameters of any URL in it, and `"key": "value"` pairs of stringified objects.
 */
export function redactSecretsInText(text: string, isSensitive: KeyMatcher): string {
  if (typeof text !== 'string') return text;
  let out = text;
  if (out.indexOf('=') !== -1) {
    out = out.replace(PARAM_IN_TEXT, (match, sep: string, name: string) =>
      isSensitive(decodeName(name)) ? `${sep}${name}=${REDACTED_URL_VALUE}` : match);
  }
  if (out.indexOf('"') !== -1) {
    out = out.replace(JSON_PAIR_IN_TEXT, (match, key: string) => (isSensitive(key) ? `"${key}":"${REDACTED_URL_VALUE}"` : match));
  }
  return out;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
