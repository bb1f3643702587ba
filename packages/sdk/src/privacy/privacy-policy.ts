import { CONSOLE_MAX_ARG_CHARS, NETWORK_MAX_BODY_CHARS } from '../constants.js';
import { createHeaderDenylist } from './redact-headers.js';
import type { NetworkPrivacy } from './sanitize-network.js';
import { createKeyMatcher, type KeyMatcher } from './sensitive-key.js';

/** Everything applyPrivacyFilters needs, built once from the config. */
export interface PrivacyPolicy {
  readonly isSensitiveKey: KeyMatcher;
  readonly network: NetworkPrivacy;
  readonly consoleMaxArgChars: number;
}

export interface PrivacyPolicyInput {
  redactKeys: readonly string[];
  denyHeaders: readonly string[];
  recordHeaders: boolean;
  recordBody: boolean;
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
      maxBodyChars: NETWORK_MAX_BODY_CHARS,
    },
    consoleMaxArgChars: CONSOLE_MAX_ARG_CHARS,
  };
}
