import { createHeaderDenylist } from './redact-headers.js';
import type { NetworkPrivacy } from './sanitize-network.js';
import { createKeyMatcher, type KeyMatcher } from './sensitive-key.js';

/** Everything the event filters need, built once: in the SDK from its options, at the ingest from defaults. */
export interface PrivacyPolicy {
  readonly isSensitiveKey: KeyMatcher;
  readonly network: NetworkPrivacy;
  /** Longest console argument or stack frame kept, in characters. */
  readonly consoleMaxArgChars: number;
}

export interface PrivacyPolicyInput {
  /** More key names treated as secret (fragments, as in sensitive-key.ts). */
  redactKeys: readonly string[];
  /** More header names whose values are redacted. */
  denyHeaders: readonly string[];
  recordHeaders: boolean;
  recordBody: boolean;
  maxBodyChars: number;
  consoleMaxArgChars: number;
}

export function createPrivacyPolicy(input: PrivacyPolicyInput): PrivacyPolicy {
  const isSensitiveKey = createKeyMatcher(input.redactKeys);
  return {
    isSensitiveKey,
    network: {
      isSensitiveKey,
      isDeniedHeader: createHeaderDenylist(isSensitiveKey, input.denyHeaders),
      recordHeaders: input.recordHeaders,
      recordBody: input.recordBody,
      maxBodyChars: input.maxBodyChars,
    },
    consoleMaxArgChars: input.consoleMaxArgChars,
  };
}
