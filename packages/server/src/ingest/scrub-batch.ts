import { createPrivacyPolicy, EventType, IncrementalSource, scrubEventText, WIRE_LIMITS, type PrivacyPolicy, type RrwebEvent } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import { DERIVED_LIMITS } from '../processor/derived-limits.js';

/**
 * The policy of the ingest's second line: the SDK's defaults (every secret-looking key,
 * header and free-text secret), plus `--redact-keys`. Headers and bodies are kept when a
 * client sent them (redacted), cut where the processor would cut its copies anyway.
 */
export function ingestPrivacyPolicy(redactKeys: readonly string[]): PrivacyPolicy {
  return createPrivacyPolicy({
    redactKeys,
    denyHeaders: [],
    recordHeaders: true,
    recordBody: true,
    maxBodyChars: DERIVED_LIMITS.bodyChars,
    consoleMaxArgChars: DERIVED_LIMITS.messageChars,
  });
}

/** Events whose free text the processor copies into derived events and the session list. */
function carriesFreeText(event: RrwebEvent): boolean {
  if (event.type === EventType.Meta || event.type === EventType.Plugin || event.type === EventType.Custom) return true;
  return event.type === EventType.IncrementalSnapshot && (event.data as { source?: unknown } | null)?.source === IncrementalSource.Log;
}

/**
 * The server's second line of privacy: the scrubber the SDK runs (`scrubEventText`), run
 * again on every accepted batch before it is queued, so a secret that an old or foreign
 * client let through is not copied into the queue, the chunk, derived events and the
 * session list. It covers page URLs, console and error entries, network entries and custom
 * events; it never rewrites the DOM (snapshots, mutations, input values), which only the
 * SDK can mask. Returns the events to queue when something was scrubbed (as many as came),
 * or null when the batch was already clean (what a current SDK sends): the caller then
 * queues the body as received. The check is an encode of each such event's data before and after: these
 * events are small, and the DOM events that make a batch heavy are never touched. A batch
 * with more than `WIRE_LIMITS.maxFreeTextChars` of such events is refused (400) before any
 * is scrubbed: no SDK sends that much, and the scrubber's work per request stays bounded.
 */
export function scrubBatchEvents(events: readonly RrwebEvent[], policy: PrivacyPolicy): RrwebEvent[] | null {
  let changed = false;
  const before = events.map((event) => (carriesFreeText(event) ? JSON.stringify(event.data) : undefined));
  const freeText = before.reduce((n, json) => n + (json?.length ?? 0), 0);
  if (freeText > WIRE_LIMITS.maxFreeTextChars) {
    throw new GoSightError('INVALID_BATCH', `invalid batch: page views, console and network entries and custom events hold ${freeText} characters of JSON; at most ${WIRE_LIMITS.maxFreeTextChars} are accepted per batch`);
  }
  const out: RrwebEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (before[i] === undefined) {
      out.push(event);
      continue;
    }
    const clean = scrubEventText(event, policy);
    if (clean === null) {
      // A network entry with nothing that may be kept: it stays as an empty one, so the batch
      // keeps its events (an empty batch is refused) and the processor derives nothing from it.
      changed = true;
      out.push({ ...event, data: { ...(event.data as object), payload: { requests: [] } } });
      continue;
    }
    if (!changed && JSON.stringify(clean.data) !== before[i]) changed = true;
    out.push(clean);
  }
  return changed ? out : null;
}
