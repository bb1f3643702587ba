/** Decides whether a field, parameter or body key names something secret. */
export type KeyMatcher = (key: string) => boolean;

/**
 * Fragments that mark a key as secret wherever they appear once case and separators are
 * gone: `access_token`, `accessToken`, `X-Api-Key`, `client_secret`, `new-password`.
 */
const SECRET_FRAGMENTS = [
  'token', 'secret', 'passw', 'passphrase', 'apikey', 'accesskey', 'privatekey', 'secretkey', 'clientkey',
  'credential', 'signature', 'authorization', 'cookie', 'session', 'bearer', 'creditcard', 'cardnumber',
  'ccnumber', 'cardno', 'cvv', 'cvc', 'iban', 'jwt', 'csrf', 'xsrf',
];

/**
 * Short words that are secret only as a whole word of the key (`key`, `api-key`, `sort_key`,
 * `pin`, OAuth's `code`), so `keyword`, `author` or `shipping` stay readable.
 */
const SECRET_WORDS = new Set(['key', 'card', 'code', 'sig', 'sid', 'pin', 'otp', 'pass', 'pwd', 'pw', 'auth', 'ssn', 'csc', 'cc', 'hash']);

const compact = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Words of a key: split at separators and camelCase humps (`apiKey` → api, key). */
function words(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
}

/**
 * Builds the matcher for URL query parameters, body keys and input names. `extraKeys` (from
 * the options) add fragments: `['member_no']` also redacts `memberNo` and `x-member-no`.
 */
export function createKeyMatcher(extraKeys: readonly string[] = []): KeyMatcher {
  const fragments = SECRET_FRAGMENTS.concat(extraKeys.map(compact).filter((k) => k.length > 0));
  const decide = (key: string): boolean => {
    const flat = compact(key);
    for (const fragment of fragments) if (flat.includes(fragment)) return true;
    for (const word of words(key)) if (SECRET_WORDS.has(word)) return true;
    return false;
  };
  // The free-text scrubber asks about every word of a message; most are asked again and again.
  const seen = new Map<string, boolean>();
  return (key) => {
    if (typeof key !== 'string' || key === '') return false;
    let answer = seen.get(key);
    if (answer === undefined) {
      answer = decide(key);
      if (seen.size >= 4096) seen.clear();
      seen.set(key, answer);
    }
    return answer;
  };
}
