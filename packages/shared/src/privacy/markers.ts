/** What replaces a redacted header value or a value of a JSON body, payload or console object. */
export const REDACTED = '[REDACTED]';
/** What replaces a secret inside a URL or free text, where brackets would need escaping. */
export const REDACTED_INLINE = 'REDACTED';
