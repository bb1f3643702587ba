import { CONSOLE_PLUGIN_NAME, EventType, IDENTIFY_TAG, IncrementalSource, NETWORK_PLUGIN_NAME, type RrwebEvent } from '../rrweb-events.js';
import type { PrivacyPolicy } from './privacy-policy.js';
import { scrubJsonValue } from './redact-body.js';
import { redactUrl } from './redact-url.js';
import { sanitizeConsolePayload } from './sanitize-console.js';
import { sanitizeNetworkPayload } from './sanitize-network.js';
import { scrubText } from './scrub-text.js';

/**
 * Scrubs the parts of an event that are not the page's DOM: the page URL of a Meta event,
 * console and error entries, network entries (rebuilt from an allowlist), and custom events
 * (the `$identify` user id is kept as given: it is the site owner's identifier, not free
 * text). The SDK runs it on every such event; the ingest runs it again on every batch.
 * Mutates the event and returns it, or null when nothing of it may be kept. Returns the
 * same object when nothing applies, so a caller can tell "untouched" cheaply only by
 * comparing what it serializes.
 */
export function scrubEventText(event: RrwebEvent, policy: PrivacyPolicy): RrwebEvent | null {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  const isSensitive = policy.isSensitiveKey;
  switch (event.type) {
    case EventType.Meta:
      if (typeof data.href === 'string') data.href = redactUrl(data.href, isSensitive);
      return event;
    case EventType.IncrementalSnapshot:
      // rrweb 1's console recording (source Log) has the plugin's payload shape.
      if (data.source === IncrementalSource.Log) {
        const clean = sanitizeConsolePayload(data, isSensitive, policy.consoleMaxArgChars) as Record<string, unknown>;
        event.data = { source: IncrementalSource.Log, ...clean };
      }
      return event;
    case EventType.Plugin:
      if (data.plugin === NETWORK_PLUGIN_NAME) {
        const payload = sanitizeNetworkPayload(data.payload, policy.network);
        if (!payload || (payload.requests.length === 0 && !payload.isInitial)) return null;
        data.payload = payload;
      } else if (data.plugin === CONSOLE_PLUGIN_NAME) {
        data.payload = sanitizeConsolePayload(data.payload, isSensitive, policy.consoleMaxArgChars);
      }
      return event;
    case EventType.Custom:
      scrubCustom(data, policy);
      return event;
    default:
      return event;
  }
}

function scrubCustom(data: Record<string, unknown>, policy: PrivacyPolicy): void {
  const isSensitive = policy.isSensitiveKey;
  if (typeof data.tag === 'string') data.tag = scrubText(data.tag, isSensitive);
  const payload = data.payload as Record<string, unknown> | null | undefined;
  if (data.tag === IDENTIFY_TAG && payload && typeof payload === 'object' && !Array.isArray(payload)) {
    data.payload = { userId: payload.userId, traits: scrubJsonValue(payload.traits, isSensitive) };
  } else {
    data.payload = scrubJsonValue(data.payload, isSensitive);
  }
}
