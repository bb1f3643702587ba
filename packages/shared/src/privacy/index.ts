/**
 * Privacy filters shared by the SDK (the first line: nothing secret leaves the browser) and
 * the ingest (the second line: what an old or careless client sent is scrubbed before the
 * queue, so it is not copied into derived events and the session list).
 */
export { REDACTED, REDACTED_INLINE } from './markers.js';
export { createKeyMatcher, type KeyMatcher } from './sensitive-key.js';
export { redactUrl, redactParams } from './redact-url.js';
export { scrubText } from './scrub-text.js';
export { scrubJsonValue } from './redact-body.js';
export { createPrivacyPolicy, type PrivacyPolicy, type PrivacyPolicyInput } from './privacy-policy.js';
export { scrubEventText } from './scrub-event.js';
