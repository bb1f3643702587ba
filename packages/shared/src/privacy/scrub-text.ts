import { REDACTED, REDACTED_INLINE } from './markers.js';
import type { KeyMatcher } from './sensitive-key.js';

/**
 * The one scrubber for free text: console messages and arguments, error messages and stack
 * frames, custom event strings, text bodies. The SDK runs it before anything leaves the
 * browser; the ingest runs it again on what the processor copies into derived events and
 * the session list. It removes
 *   - values after secret-looking names: `token=v`, `password: v`, `"pin":1234`, `api_key='v'`,
 *     and `secret v` / `Bearer v` / `Basic v` when `v` looks like a credential;
 *   - JWTs, card numbers that pass the Luhn check, long hex and base64 tokens, wherever they are.
 * Idempotent (what it writes never matches again), so the second line leaves the first
 * line's output byte for byte alone.
 */
export function scrubText(text: string, isSensitive: KeyMatcher): string {
  if (typeof text !== 'string' || text.length < 6) return text;
  let out = text;
  if (out.indexOf('eyJ') !== -1) out = out.replace(DOTTED_RUN, (run) => (run.indexOf('eyJ') === -1 ? run : redactJwts(run)));
  out = scrubPairs(out, isSensitive);
  if (/\d{6}/.test(out.replace(/[ -]/g, ''))) out = out.replace(CARD, (match) => (isCardNumber(match) ? REDACTED_INLINE : match));
  return out.replace(LONG_TOKEN, (match) => (looksRandom(match) ? REDACTED_INLINE : match));
}

/** A run of base64url characters and dots long enough to hold a JWT. */
const DOTTED_RUN = /[\w.-]{20,}/g;

/**
 * JWTs in a run: a part holding `eyJ` (a JSON header, base64url) followed by a part starting
 * with `eyJ` (the payload) and a third (the signature). Split by hand, not matched with one
 * pattern, so hostile text full of `eyJ` costs linear time.
 */
function redactJwts(run: string): string {
  const parts = run.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const at = parts[i].indexOf('eyJ');
    if (at !== -1 && i + 2 < parts.length && parts[i + 1].startsWith('eyJ')) {
      out.push(parts[i].slice(0, at) + REDACTED_INLINE);
      i += 2;
    } else {
      out.push(parts[i]);
    }
  }
  return out.join('.');
}
/** A word that may name a value: `password`, `access_token`, `X-Api-Key`, `config.apiKey`. */
const NAME = /[A-Za-z_][\w.-]{0,63}/g;
/** `=`, `: `, `":` after a name (an optional closing quote of a quoted name first). */
const SEPARATOR = /(["']?)(\s*[=:]\s*)/y;
/** The value after a separator: quoted (escapes allowed, one line), or a run of characters. */
const VALUE = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s"'&;,<>(){}[\]]+/y;
/** ` v` after a name: only a value that looks like a credential counts (see `isCredentialLike`). */
const SPACED = /[ \t]{1,3}([\w.~+/=-]{6,400})/y;
/** Schemes of the Authorization header, which come before a credential in logs. */
const AUTH_SCHEMES = new Set(['basic', 'bearer', 'digest', 'negotiate']);

function scrubPairs(text: string, isSensitive: KeyMatcher): string {
  let out = '';
  let copied = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m !== null; m = NAME.exec(text)) {
    const name = m[0];
    const end = m.index + name.length;
    const spacedName = AUTH_SCHEMES.has(name.toLowerCase());
    if (!spacedName && !isSensitive(name)) continue;
    let valueAt = -1;
    let replacement = REDACTED_INLINE;
    SEPARATOR.lastIndex = end;
    const separated = spacedName ? null : SEPARATOR.exec(text);
    if (separated) {
      const [, closingQuote, separator] = separated;
      const at = SEPARATOR.lastIndex;
      const quoted = text[at] === '"' || text[at] === "'";
      // `session.js:10:5` (a stack frame) and `user:pass@host` are not pairs: a bare colon needs a
      // quote. Decided before the value is read, so a run of `a:a:a:…` is read once, not once per name.
      const bareColon = separator.endsWith(':') && !closingQuote && !quoted;
      VALUE.lastIndex = at;
      const value = bareColon ? null : VALUE.exec(text);
      if (value && !quoted && AUTH_SCHEMES.has(value[0].toLowerCase())) {
        // `Authorization: Bearer t`: the scheme stays, the credential after it goes (next turn).
        NAME.lastIndex = at;
      } else if (value && !isRedacted(value[0])) {
        valueAt = at;
        if (quoted) replacement = `${value[0][0]}${REDACTED_INLINE}${value[0][0]}`;
        else if (closingQuote) replacement = `${closingQuote}${REDACTED_INLINE}${closingQuote}`;
        NAME.lastIndex = VALUE.lastIndex;
      } else if (value) {
        NAME.lastIndex = VALUE.lastIndex;
      }
    } else {
      SPACED.lastIndex = end;
      const spaced = SPACED.exec(text);
      if (spaced && isCredentialLike(spaced[1])) {
        valueAt = SPACED.lastIndex - spaced[1].length;
        NAME.lastIndex = SPACED.lastIndex;
      }
    }
    if (valueAt === -1) continue;
    out += text.slice(copied, valueAt) + replacement;
    copied = NAME.lastIndex;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A value already replaced, by this scrubber or by a key-based one (`[REDACTED]` in JSON). */
function isRedacted(value: string): boolean {
  const inner = value[0] === '"' || value[0] === "'" ? value.slice(1, -1) : value;
  return inner === REDACTED_INLINE || inner === REDACTED;
}

/** A word after `password`, `token`, `Bearer`…: a credential if it has a digit, or is long. */
function isCredentialLike(value: string): boolean {
  return value !== REDACTED_INLINE && (/\d/.test(value) || value.length >= 20);
}

/** 13 to 19 digits, spaces or dashes between, starting like a card network's numbers (2-6). */
const CARD = /\b[2-6](?:[ -]?\d){12,18}\b/g;

function isCardNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** 32 or more characters of hex or base64(url), whole words. */
const LONG_TOKEN = /\b[A-Za-z0-9+_-]{32,}={0,2}/g;

/**
 * Hex of 32+ digits (API keys, hashes used as tokens), or base64 that mixes at least four
 * each of digits, capitals and small letters, which identifiers and words do not.
 */
function looksRandom(token: string): boolean {
  if (/^[0-9a-f]+$/i.test(token)) return true;
  const count = (re: RegExp) => (token.match(re) ?? []).length;
  return count(/\d/g) >= 4 && count(/[A-Z]/g) >= 4 && count(/[a-z]/g) >= 4;
}
