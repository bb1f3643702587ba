import type { KeyMatcher } from '@gosight/shared';

const ALWAYS_MASKED_TYPES = new Set(['password', 'email', 'tel']);
/** autocomplete tokens of card, password, one-time-code, email and phone fields. */
const SENSITIVE_AUTOCOMPLETE = /(^|\s)(cc-|current-password|new-password|one-time-code|email|tel)/;

/**
 * True for fields that are masked whatever the options say: password, email and tel inputs
 * (also a password field that a "show password" toggle turned into text, which rrweb marks),
 * credit-card and one-time-code fields by autocomplete, and fields whose name or id looks
 * secret (`card_number`, `cvv`, `iban`, `api_key`, …). Fails closed: an element that cannot
 * be inspected counts as sensitive.
 */
export function isSensitiveInput(element: Element, isSensitiveName: KeyMatcher): boolean {
  try {
    const type = String((element as HTMLInputElement).type || element.getAttribute('type') || '').toLowerCase();
    if (ALWAYS_MASKED_TYPES.has(type) || element.hasAttribute('data-rr-is-password')) return true;
    if (SENSITIVE_AUTOCOMPLETE.test((element.getAttribute('autocomplete') || '').toLowerCase())) return true;
    return isSensitiveName(element.getAttribute('name') || '') || isSensitiveName(element.id || '');
  } catch {
    return true;
  }
}
