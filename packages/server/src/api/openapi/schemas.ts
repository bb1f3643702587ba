/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of what the read API answers. Objects
 * of our own shapes list every property and allow no others, so a field added to a response
 * without its description here fails the check against real responses (openapi e2e test).
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const epochMs: Schema = { type: 'integer', description: 'Epoch milliseconds' };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const strings = arrayOf(str);

/** An object with these properties, the unmarked ones required, no others. */
function object(properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const eventBase = {
  id: str, timestamp: epochMs, chunkIndex: int, label: str, severity: { enum: ['info', 'warning', 'error'] },
};

const clickTarget = object({ tag: str, id: str, classes: strings, text: str, ariaLabel: str, selector: str }, [],
  'The element a click hit: masked text and typed values are never taken.');

export const SCHEMAS: Record<string, Schema> = {
  Error: object({ error: object({ code: str, message: str }) }),
  SearchMatch: object({
    filter: { enum: ['click', 'visited', 'error', 'warning', 'request', 'event', 'userId', 'trait', 'rageClick', 'deadClick'] },
    label: str, timestamp: epochMs, chunkIndex: int,
  }, [], 'Why a session matched a search: the first moment satisfying one filter.'),
  SessionSummary: object({
    sessionId: { type: 'string', format: 'uuid' }, projectId: str, startedAt: epochMs, endedAt: epochMs, durationMs: int, firstUrl: str,
    pageCount: int, clickCount: int, errorCount: int, rageClickCount: int, deadClickCount: int, eventCount: int, chunkCount: int,
    userAgent: str, viewportWidth: int, viewportHeight: int, archived: bool, userId: str, browser: str, os: str,
    deviceClass: { enum: ['desktop', 'tablet', 'mobile'] }, matches: arrayOf(ref('SearchMatch')),
  }, ['archived', 'userId', 'browser', 'os', 'deviceClass', 'matches']),
  SessionListResponse: object({ sessions: arrayOf(ref('SessionSummary')), total: int, limit: int, offset: int }),
  ChunkMeta: object({
    index: int, timestampStart: epochMs, timestampEnd: epochMs, dataSize: int, compressedSize: int, eventCount: int,
    hasFullSnapshot: bool, hasErrors: bool, hasNetwork: bool,
  }),
  ReplayManifest: object({ sessionId: str, projectId: str, startedAt: epochMs, endedAt: epochMs, durationMs: int, chunks: arrayOf(ref('ChunkMeta')) }),
  RrwebEvent: {
    type: 'object', required: ['type', 'timestamp'], description: 'An rrweb event as recorded (its data depends on its type).',
    properties: { type: int, timestamp: num, data: {}, delay: num },
  },
  NetworkRequest: object({
    url: str, method: str, status: int, type: str, size: num, durationMs: num,
    requestHeaders: { type: 'object', additionalProperties: str }, responseHeaders: { type: 'object', additionalProperties: str },
    requestBody: {}, responseBody: {},
  }, ['size', 'requestHeaders', 'responseHeaders', 'requestBody', 'responseBody']),
  SessionEvent: {
    description: 'A moment derived from the recording: page view, click (rage, dead), console entry or error, request, custom event.',
    oneOf: [
      object({ ...eventBase, kind: { const: 'page_view' }, url: str, viewportWidth: int, viewportHeight: int }),
      object({ ...eventBase, kind: { enum: ['click', 'rage_click', 'dead_click'] }, x: num, y: num, pageX: num, pageY: num, viewportWidth: int, nodeId: int, count: int, target: clickTarget },
        ['pageX', 'pageY', 'viewportWidth', 'target']),
      object({ ...eventBase, kind: { enum: ['console', 'error'] }, level: { enum: ['log', 'info', 'warn', 'error', 'debug', 'assert', 'trace'] }, message: str, stack: str }, ['stack']),
      object({ ...eventBase, kind: { const: 'network' }, request: ref('NetworkRequest') }),
      object({ ...eventBase, kind: { const: 'custom' }, tag: str, payload: {} }),
    ],
  },
  SessionEventsResponse: object({
    sessionId: str, startedAt: epochMs, endedAt: epochMs, events: arrayOf(ref('SessionEvent')),
    inactiveRanges: arrayOf(object({ start: epochMs, end: epochMs })),
  }),
  StoryStep: object({
    kind: { enum: ['page', 'identify', 'click', 'rage_click', 'dead_click', 'input', 'scroll', 'error', 'request', 'event', 'end'] },
    timestamp: epochMs, offsetMs: { type: 'integer', description: 'From the session start: the player’s ?t=' }, text: str,
  }),
  SessionStory: object({
    sessionId: str, startedAt: epochMs, durationMs: int, summary: str, steps: arrayOf(ref('StoryStep')), omittedSteps: int, outcome: str,
  }),
  PageMap: object({
    query: object({ url: str, from: epochMs, to: epochMs, device: { enum: ['desktop', 'tablet', 'mobile'] }, minViewportWidth: int, maxViewportWidth: int },
      ['from', 'to', 'device', 'minViewportWidth', 'maxViewportWidth']),
    sessions: int, binPx: int,
    clicks: arrayOf(object({ x: int, y: int, clicks: int, rageClicks: int, deadClicks: int })),
    scroll: arrayOf(object({ depth: int, sessions: int, share: num })),
    scrollSessions: int,
    topElements: arrayOf(object({ selector: str, tag: str, text: str, ariaLabel: str, clicks: int, rageClicks: int, deadClicks: int, sessions: int })),
    widths: arrayOf(object({ width: int, sessions: int })),
    snapshot: object({ sessionId: str, chunkIndex: int, timestamp: epochMs, viewportWidth: int, viewportHeight: int }),
  }, ['snapshot']),
  AssetIndex: object({ assets: { type: 'object', additionalProperties: { type: 'object', required: ['hash'], properties: { hash: str } } } }),
  Me: object({
    user: { oneOf: [{ type: 'null' }, object({ id: str, email: str, name: str, serverAdmin: bool, createdAt: epochMs })] },
    open: bool, serverAdmin: bool, projects: arrayOf(object({ id: str, name: str, role: { enum: ['viewer', 'admin'] } })),
  }),
  Project: object({ id: str, name: str, allowedOrigins: strings, retentionDays: int, createdAt: epochMs }, ['retentionDays']),
  ProjectList: object({
    projects: arrayOf(object({ id: str, name: str, allowedOrigins: strings, retentionDays: int, createdAt: epochMs, role: { enum: ['viewer', 'admin'] } }, ['retentionDays'])),
  }),
  ProjectDetails: object({
    project: ref('Project'),
    keys: arrayOf(object({ key: str, projectId: str, createdAt: epochMs, revokedAt: epochMs }, ['revokedAt'])),
    members: arrayOf(object({ projectId: str, userId: str, email: str, role: { enum: ['viewer', 'admin'] }, addedAt: epochMs })),
  }, ['members']),
  TokenList: object({ tokens: arrayOf({ type: 'object', required: ['id', 'name'], properties: { id: str, name: str, userId: str, projectIds: strings, createdAt: epochMs } }) }),
  UserList: object({ users: arrayOf({ type: 'object', required: ['id', 'email'], properties: { id: str, email: str, name: str, serverAdmin: bool, createdAt: epochMs } }) }),
  AuditLog: object({ entries: arrayOf(object({ at: epochMs, actor: str, action: str, projectId: str, target: str, detail: str })), total: int }),
  DeadLetter: object({
    id: str, projectId: str, sessionId: str, seq: int, stage: { enum: ['read', 'apply', 'store'] }, reason: str, failedAt: epochMs, bytes: int,
  }),
  DeadLetterList: object({ deadLetters: arrayOf(ref('DeadLetter')), total: int, limit: int, offset: int }),
  Health: {
    type: 'object', required: ['ok', 'problems'], description: 'Always 200 while the process serves; ok is false when a part is failing.',
    properties: {
      ok: bool, problems: strings,
      processor: { type: 'object', required: ['state', 'liveSessions', 'unflushedSessions'], properties: { state: { enum: ['starting', 'running', 'retrying', 'stopped'] }, liveSessions: int, unflushedSessions: int } },
      queue: { type: 'object', required: ['depth'], properties: { depth: int, lag: int } },
      disk: { type: 'object', required: ['path', 'freeBytes', 'full'], properties: { path: str, freeBytes: int, totalBytes: int, reserveBytes: int, full: bool } },
    },
  },
};
