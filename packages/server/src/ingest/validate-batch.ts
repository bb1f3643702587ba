import { BATCH_SCHEMA_VERSION, EventType, SESSION_ID_PATTERN, type ReplayBatch } from '@gosight/shared';

export type BatchCheck = { ok: true; batch: ReplayBatch } | { ok: false; problems: string[] };

const MAX_SEQ = 0xffffffff;
const MAX_PROBLEMS = 5;
const KNOWN_TYPES = new Set<number>(Object.values(EventType));
const BATCH_FIELDS = new Set(['v', 'sessionId', 'seq', 'events', 'droppedEvents']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed ingest body against the batch envelope and the rrweb event shapes the
 * pipeline relies on. Reports up to five problems, each naming the field at fault, so an
 * SDK author can fix the sender from the error alone.
 */
export function validateBatch(body: unknown, maxEvents: number): BatchCheck {
  const problems: string[] = [];
  const add = (p: string) => problems.length < MAX_PROBLEMS && problems.push(p);
  if (!isObject(body)) return { ok: false, problems: ['body must be a JSON object {"sessionId","seq","events"}'] };
  if (body.v !== undefined && body.v !== BATCH_SCHEMA_VERSION) add(`v must be ${BATCH_SCHEMA_VERSION} (got ${JSON.stringify(body.v)})`);
  if (typeof body.sessionId !== 'string' || !SESSION_ID_PATTERN.test(body.sessionId)) add('sessionId must be a UUID string');
  if (!Number.isInteger(body.seq) || (body.seq as number) < 0 || (body.seq as number) > MAX_SEQ) {
    add(`seq must be an integer from 0 to ${MAX_SEQ}`);
  }
  const events = body.events;
  if (!Array.isArray(events)) add('events must be an array of rrweb events');
  else if (events.length === 0) add('events must not be empty');
  else if (events.length > maxEvents) add(`events has ${events.length} items; at most ${maxEvents} are accepted per batch`);
  else events.forEach((e, i) => checkEvent(e, `events[${i}]`, add));
  if (body.droppedEvents !== undefined && (!Number.isInteger(body.droppedEvents) || (body.droppedEvents as number) < 0)) {
    add('droppedEvents must be a non-negative integer');
  }
  for (const key of Object.keys(body)) {
    if (!BATCH_FIELDS.has(key)) add(`unknown field "${key}"`);
  }
  return problems.length === 0 ? { ok: true, batch: body as unknown as ReplayBatch } : { ok: false, problems };
}

function checkEvent(e: unknown, at: string, add: (p: string) => void): void {
  if (!isObject(e)) return void add(`${at} must be an object`);
  if (!Number.isInteger(e.type) || !KNOWN_TYPES.has(e.type as number)) add(`${at}.type must be an rrweb event type 0-6`);
  if (typeof e.timestamp !== 'number' || !Number.isFinite(e.timestamp) || e.timestamp <= 0) {
    add(`${at}.timestamp must be a positive number (epoch milliseconds)`);
  }
  if (!isObject(e.data)) return void add(`${at}.data must be an object`);
  const d = e.data;
  switch (e.type) {
    case EventType.FullSnapshot:
      if (!isObject(d.node)) add(`${at}.data.node must be an object (a FullSnapshot carries the serialized DOM)`);
      break;
    case EventType.IncrementalSnapshot:
      if (!Number.isInteger(d.source)) add(`${at}.data.source must be an integer (rrweb IncrementalSource)`);
      break;
    case EventType.Meta:
      if (typeof d.href !== 'string') add(`${at}.data.href must be a string`);
      if (typeof d.width !== 'number' || typeof d.height !== 'number') add(`${at}.data.width and height must be numbers`);
      break;
    case EventType.Custom:
      if (typeof d.tag !== 'string') add(`${at}.data.tag must be a string`);
      break;
    case EventType.Plugin:
      if (typeof d.plugin !== 'string') add(`${at}.data.plugin must be a string`);
      break;
  }
}
