import { EventType, IDENTIFY_TAG, type RrwebEvent } from '@gosight/shared';
import { MAX_CUSTOM_EVENT_NAME_CHARS, MAX_CUSTOM_PAYLOAD_CHARS } from './constants.js';

export type CustomEventResult = { ok: true; event: RrwebEvent } | { ok: false; reason: string };

/**
 * An rrweb Custom event (type 5, `{ tag, payload }`) from the host page's `event()` call. The
 * payload is copied through JSON (no functions, cycles or later mutation by the page) and
 * capped in size; like every event, it is scrubbed on its way into a batch
 * (apply-privacy-filters.ts). Names starting with `$` are reserved.
 */
export function buildCustomEvent(name: unknown, payload: unknown, now: number): CustomEventResult {
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, reason: 'event name must be a non-empty string' };
  if (name.length > MAX_CUSTOM_EVENT_NAME_CHARS) return { ok: false, reason: `event name is longer than ${MAX_CUSTOM_EVENT_NAME_CHARS} characters` };
  if (name.startsWith('$')) return { ok: false, reason: 'event names starting with $ are reserved' };
  return customEvent(name, payload, now);
}

/** The `$identify` Custom event with payload `{ userId, traits }`. */
export function buildIdentifyEvent(userId: unknown, traits: unknown, now: number): CustomEventResult {
  const id = typeof userId === 'number' && Number.isFinite(userId) ? String(userId) : userId;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_CUSTOM_EVENT_NAME_CHARS) {
    return { ok: false, reason: `userId must be a non-empty string of at most ${MAX_CUSTOM_EVENT_NAME_CHARS} characters` };
  }
  const cleanTraits = traits !== null && typeof traits === 'object' && !Array.isArray(traits) ? traits : {};
  return customEvent(IDENTIFY_TAG, { userId: id, traits: cleanTraits }, now);
}

function customEvent(tag: string, payload: unknown, now: number): CustomEventResult {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload === undefined ? null : payload);
  } catch {
    return { ok: false, reason: 'payload must be JSON-serializable' };
  }
  if (json === undefined) return { ok: false, reason: 'payload must be JSON-serializable' };
  if (json.length > MAX_CUSTOM_PAYLOAD_CHARS) return { ok: false, reason: `payload is larger than ${MAX_CUSTOM_PAYLOAD_CHARS} characters of JSON` };
  return { ok: true, event: { type: EventType.Custom, data: { tag, payload: JSON.parse(json) as unknown }, timestamp: now } };
}
