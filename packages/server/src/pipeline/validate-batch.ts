import {
  BATCH_SCHEMA_VERSION, EventType, IDENTIFY_TAG, SESSION_ID_PATTERN, WIRE_LIMITS, type ReplayBatch,
} from '@gosight/shared';

export type BatchCheck = { ok: true; batch: ReplayBatch } | { ok: false; problems: string[] };

/** The window of event times the store keeps; checked at ingest, not when a batch is replayed from the queue. */
export interface TimeWindow {
  now: number;
  /** Older events would be deleted by the store's retention before anyone could watch them. */
  maxAgeMs: number;
  /** Further ahead of the server's clock than this is a broken client clock, not a recording. */
  maxFutureMs: number;
}

export interface BatchRules {
  maxEvents: number;
  /** Omitted by the processor: a batch that waited in the queue is judged by the ingest's clock. */
  window?: TimeWindow;
}

const MAX_UINT32 = 0xffffffff;
const MAX_PROBLEMS = 5;
const KNOWN_TYPES = new Set<number>(Object.values(EventType));
const BATCH_FIELDS = new Set(['v', 'sessionId', 'seq', 'events', 'droppedEvents']);
const HOUR_MS = 3_600_000;
/** The last instant ClickHouse's DateTime64(3) holds (2299-12-31): the bound when no window is given. */
const MAX_STORABLE_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const preview = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 40);

/**
 * Checks a parsed ingest body against the batch envelope and against what the pipeline
 * stores of each event: integer timestamps inside the retention window, viewport sizes
 * that fit their unsigned columns, strings that fit their indexes. Reports up to five
 * problems, each naming the field and the event at fault, so an SDK author can fix the
 * sender from the error alone. What the store keeps opaque (the DOM, mutations) is only
 * bounded by the body caps and the nesting check that runs before parsing.
 */
export function validateBatch(body: unknown, rules: BatchRules): BatchCheck {
  const problems: string[] = [];
  const add = (p: string) => problems.length < MAX_PROBLEMS && problems.push(p);
  if (!isObject(body)) return { ok: false, problems: ['body must be a JSON object {"sessionId","seq","events"}'] };
  if (body.v !== undefined && body.v !== BATCH_SCHEMA_VERSION) add(`v must be ${BATCH_SCHEMA_VERSION} (got ${preview(body.v)})`);
  if (typeof body.sessionId !== 'string' || !SESSION_ID_PATTERN.test(body.sessionId)) add('sessionId must be a UUID string');
  if (!isUint(body.seq, MAX_UINT32)) add(`seq must be an integer from 0 to ${MAX_UINT32} (got ${preview(body.seq)})`);
  const events = body.events;
  if (!Array.isArray(events)) add('events must be an array of rrweb events');
  else if (events.length === 0) add('events must not be empty');
  else if (events.length > rules.maxEvents) add(`events has ${events.length} items; at most ${rules.maxEvents} are accepted per batch`);
  else for (let i = 0; i < events.length && problems.length < MAX_PROBLEMS; i++) checkEvent(events[i], `events[${i}]`, rules.window, add);
  if (body.droppedEvents !== undefined && !isUint(body.droppedEvents, MAX_UINT32)) {
    add(`droppedEvents must be an integer from 0 to ${MAX_UINT32}`);
  }
  for (const key of Object.keys(body)) {
    if (!BATCH_FIELDS.has(key)) add(`unknown field "${key.slice(0, 40)}"`);
  }
  return problems.length === 0 ? { ok: true, batch: body as unknown as ReplayBatch } : { ok: false, problems };
}

function checkEvent(e: unknown, at: string, window: TimeWindow | undefined, add: (p: string) => void): void {
  if (!isObject(e)) return void add(`${at} must be an object`);
  if (!Number.isInteger(e.type) || !KNOWN_TYPES.has(e.type as number)) add(`${at}.type must be an rrweb event type 0-6`);
  checkTimestamp(e.timestamp, `${at}.timestamp`, window, add);
  if (!isObject(e.data)) return void add(`${at}.data must be an object`);
  const d = e.data;
  switch (e.type) {
    case EventType.FullSnapshot:
      if (!isObject(d.node)) add(`${at}.data.node must be an object (a FullSnapshot carries the serialized DOM)`);
      break;
    case EventType.IncrementalSnapshot:
      if (!isUint(d.source, 255)) add(`${at}.data.source must be an integer (rrweb IncrementalSource)`);
      break;
    case EventType.Meta:
      checkString(d.href, `${at}.data.href`, WIRE_LIMITS.maxUrlChars, add);
      for (const side of ['width', 'height'] as const) {
        if (!isUint(d[side], WIRE_LIMITS.maxViewportPx)) {
          add(`${at}.data.${side} must be an integer from 0 to ${WIRE_LIMITS.maxViewportPx} pixels (got ${preview(d[side])})`);
        }
      }
      break;
    case EventType.Custom:
      checkString(d.tag, `${at}.data.tag`, WIRE_LIMITS.maxEventNameChars, add);
      if (d.tag === IDENTIFY_TAG) checkUserId(d.payload, `${at}.data.payload`, add);
      break;
    case EventType.Plugin:
      checkString(d.plugin, `${at}.data.plugin`, WIRE_LIMITS.maxPluginNameChars, add);
      break;
  }
}

function checkTimestamp(ts: unknown, at: string, window: TimeWindow | undefined, add: (p: string) => void): void {
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts <= 0) {
    return void add(`${at} must be a positive integer (epoch milliseconds; got ${preview(ts)})`);
  }
  if (!window) {
    if (ts > MAX_STORABLE_MS) add(`${at} ${ts} is past the last time the store can hold (2299-12-31)`);
    return;
  }
  if (ts < window.now - window.maxAgeMs) {
    add(`${at} ${isoOrNumber(ts)} is older than the store's ${Math.round(window.maxAgeMs / (24 * HOUR_MS))}-day retention: it would never be readable`);
  } else if (ts > window.now + window.maxFutureMs) {
    add(`${at} ${isoOrNumber(ts)} is ${((ts - window.now) / HOUR_MS).toFixed(1)} h ahead of the server's clock (at most ${(window.maxFutureMs / HOUR_MS).toFixed(1)} h is accepted): check the client's clock`);
  }
}

function checkString(v: unknown, at: string, maxChars: number, add: (p: string) => void): void {
  if (typeof v !== 'string') add(`${at} must be a string`);
  else if (v.length > maxChars) add(`${at} has ${v.length} characters; at most ${maxChars} are accepted`);
}

/** identify()'s user id is stored in a column and searched: a short string or number. */
function checkUserId(payload: unknown, at: string, add: (p: string) => void): void {
  const userId = isObject(payload) ? payload.userId : undefined;
  if (typeof userId === 'number' && Number.isFinite(userId)) return;
  checkString(userId, `${at}.userId`, WIRE_LIMITS.maxEventNameChars, add);
}

function isoOrNumber(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
