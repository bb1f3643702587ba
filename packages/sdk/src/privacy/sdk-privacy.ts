import { createPrivacyPolicy, type PrivacyPolicy } from '@gosight/shared';
import type { GoSightConfig } from '../config.js';
import { CONSOLE_MAX_ARG_CHARS, NETWORK_MAX_BODY_CHARS } from '../constants.js';
import { maskedRegionSelector } from './masked-regions.js';
import type { DomScrubber } from './scrub-dom.js';

/** The shared policy plus what only the browser knows: where masked regions are in the live DOM. */
export interface SdkPrivacy {
  readonly policy: PrivacyPolicy;
  readonly dom: DomScrubber;
}

/** Built once per page from the options; `nodeById` is rrweb's mirror (recorder.ts). */
export function createSdkPrivacy(config: GoSightConfig, nodeById: (id: number) => Node | null): SdkPrivacy {
  const policy = createPrivacyPolicy({
    redactKeys: config.redactKeys,
    denyHeaders: config.network ? config.network.denyHeaders : [],
    recordHeaders: config.network ? config.network.recordHeaders : false,
    recordBody: config.network ? config.network.recordBody : false,
    maxBodyChars: NETWORK_MAX_BODY_CHARS,
    consoleMaxArgChars: CONSOLE_MAX_ARG_CHARS,
  });
  return { policy, dom: { isSensitive: policy.isSensitiveKey, maskSelector: maskedRegionSelector(config), nodeById } };
}
