import { EventType, IncrementalSource, scrubEventText, type RrwebEvent } from '@gosight/shared';
import { redactCssUrls, scrubMutation, scrubSnapshot } from './scrub-dom.js';
import type { SdkPrivacy } from './sdk-privacy.js';

/**
 * The SDK's filtering on top of rrweb's own masking (spec §3.3), applied to every event
 * before it is serialized: the serialized DOM through scrub-dom.ts, everything else (page
 * URL, console, errors, network, custom events) through the scrubber shared with the ingest.
 * Mutates the event (rrweb hands each one over once) and returns it, or null to drop it.
 * Callers drop the event if this throws: fail closed.
 */
export function applyPrivacyFilters(event: RrwebEvent, privacy: SdkPrivacy): RrwebEvent | null {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  if (event.type === EventType.FullSnapshot) {
    scrubSnapshot(data.node, privacy.dom);
    return event;
  }
  if (event.type === EventType.IncrementalSnapshot) {
    if (data.source === IncrementalSource.Mutation) scrubMutation(data, privacy.dom);
    else if (data.source === IncrementalSource.StyleSheetRule || data.source === IncrementalSource.StyleDeclaration
      || data.source === IncrementalSource.AdoptedStyleSheet) scrubStyleChange(data, privacy);
  }
  return scrubEventText(event, privacy.policy);
}

/** CSS rules added (StyleSheetRule), a property set (StyleDeclaration) or adopted sheets' rules may hold `url()`s. */
function scrubStyleChange(data: Record<string, unknown>, privacy: SdkPrivacy): void {
  const isSensitive = privacy.policy.isSensitiveKey;
  const scrubRules = (rules: unknown): void => {
    if (!Array.isArray(rules)) return;
    for (const item of rules as { rule?: unknown }[]) if (item && typeof item.rule === 'string') item.rule = redactCssUrls(item.rule, isSensitive);
  };
  scrubRules(data.adds);
  if (Array.isArray(data.styles)) for (const sheet of data.styles as { rules?: unknown }[]) if (sheet) scrubRules(sheet.rules);
  const set = data.set as { value?: unknown } | undefined;
  if (set && typeof set.value === 'string') set.value = redactCssUrls(set.value, isSensitive);
}

/**
 * The event as JSON, filtered. One walk over the event object, then one JSON.stringify: the
 * walk reads each attribute name once and touches the live DOM only for elements that carry
 * text-bearing attributes, so it costs less than serializing the event a second time.
 */
export function serializeFiltered(event: RrwebEvent, privacy: SdkPrivacy): string | null {
  const filtered = applyPrivacyFilters(event, privacy);
  return filtered ? JSON.stringify(filtered) : null;
}
