import { CONSOLE_PLUGIN_NAME, EventType, IncrementalSource, NETWORK_PLUGIN_NAME, type RrwebEvent } from '@gosight/shared';
import type { PrivacyPolicy } from './privacy-policy.js';
import { redactMutationLinks, redactSnapshotLinks } from './redact-links.js';
import { redactUrl } from './redact-url.js';
import { sanitizeConsolePayload } from './sanitize-console.js';
import { sanitizeNetworkPayload } from './sanitize-network.js';

/**
 * The SDK's filtering on top of rrweb's own masking (spec §3.3), applied to every event
 * before it is serialized: secret URL parameters in the page URL and in links, network
 * entries rebuilt from an allowlist with headers and bodies redacted, console arguments cut
 * and redacted. Mutates the event (rrweb hands each one over once) and returns it, or null to
 * drop it. Callers drop the event if this throws: fail closed.
 */
export function applyPrivacyFilters(event: RrwebEvent, policy: PrivacyPolicy): RrwebEvent | null {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  switch (event.type) {
    case EventType.Meta:
      if (typeof data.href === 'string') data.href = redactUrl(data.href, policy.isSensitiveKey);
      return event;
    case EventType.FullSnapshot:
      redactSnapshotLinks(data.node, policy.isSensitiveKey);
      return event;
    case EventType.IncrementalSnapshot:
      if (data.source === IncrementalSource.Mutation) redactMutationLinks(data, policy.isSensitiveKey);
      return event;
    case EventType.Plugin:
      return filterPluginEvent(event, data, policy);
    default:
      return event;
  }
}

function filterPluginEvent(event: RrwebEvent, data: Record<string, unknown>, policy: PrivacyPolicy): RrwebEvent | null {
  if (data.plugin === NETWORK_PLUGIN_NAME) {
    const payload = sanitizeNetworkPayload(data.payload, policy.network);
    if (!payload || (payload.requests.length === 0 && !payload.isInitial)) return null;
    data.payload = payload;
  } else if (data.plugin === CONSOLE_PLUGIN_NAME) {
    data.payload = sanitizeConsolePayload(data.payload, policy.isSensitiveKey, policy.consoleMaxArgChars);
  }
  return event;
}

/**
 * The event as JSON, filtered. Mutations are the hot path (a list of 1000 rows is one event
 * of 9000 nodes): they are serialized first and walked for link targets only when the JSON
 * holds an href or action whose value could carry a secret, so the common mutation costs
 * one JSON.stringify and a string search.
 */
export function serializeFiltered(event: RrwebEvent, policy: PrivacyPolicy): string | null {
  const data = event.data as { source?: unknown } | null;
  if (event.type === EventType.IncrementalSnapshot && data && data.source === IncrementalSource.Mutation) {
    const json = JSON.stringify(event);
    if (!mayHoldSecretLink(json)) return json;
  }
  const filtered = applyPrivacyFilters(event, policy);
  return filtered ? JSON.stringify(filtered) : null;
}

const LINK_KEYS = ['"href":"', '"action":"'];

/** True if some href/action value in the JSON has a query, fragment, userinfo or an escape (checked the slow way). */
export function mayHoldSecretLink(json: string): boolean {
  for (const key of LINK_KEYS) {
    for (let at = json.indexOf(key); at !== -1; at = json.indexOf(key, at + key.length)) {
      for (let i = at + key.length; i < json.length; i++) {
        const c = json.charCodeAt(i);
        if (c === 34 /* " */) break;
        if (c === 63 /* ? */ || c === 35 /* # */ || c === 64 /* @ */ || c === 92 /* \ */) return true;
      }
    }
  }
  return false;
}
