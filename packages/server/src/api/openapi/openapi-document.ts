import { SESSION_SORTS } from '@gosight/shared';
import { SCHEMAS } from './schemas.js';

type Schema = Record<string, unknown>;

/** Where the description is served. */
export const OPENAPI_PATH = '/api/openapi.json';

const json = (schema: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } });
const ok = (description: string, schema: string) => ({ description, content: json(schema) });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s], content: json('Error') }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'A parameter is malformed; the message names it.',
  401: 'No credentials, or credentials that are not valid.',
  403: 'The caller lacks the role this needs.',
  404: 'No such session, project or item (or one the caller cannot see).',
};

const query = (name: string, description: string, schema: Schema = { type: 'string' }) => ({ name, in: 'query', description, schema });
const path = (name: string, description: string, schema: Schema = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const projectParam = path('project', 'Project id.');
const sessionParam = path('id', 'Session id (a UUID).', { type: 'string', format: 'uuid' });

const LIST_PARAMS = [
  query('limit', 'Page size, 1 to 200 (default 25).', { type: 'integer', minimum: 1, maximum: 200 }),
  query('offset', 'Rows to skip.', { type: 'integer', minimum: 0 }),
  query('sort', 'Order of the list.', { enum: [...SESSION_SORTS] }),
  query('url', 'A part of any page URL of the session (case-insensitive).'),
  query('from', 'Sessions started at or after (epoch ms).', { type: 'integer' }),
  query('to', 'Sessions started at or before (epoch ms).', { type: 'integer' }),
  query('minDurationMs', 'Shortest duration.', { type: 'integer' }),
  query('maxDurationMs', 'Longest duration.', { type: 'integer' }),
  query('hasErrors', 'Only sessions with errors.', { type: 'boolean' }),
  query('hasRageClicks', 'Only sessions with rage clicks.', { type: 'boolean' }),
  query('hasDeadClicks', 'Only sessions with dead clicks.', { type: 'boolean' }),
  query('clickText', 'A clicked element whose visible text contains this (case-insensitive; masked text is never indexed).'),
  query('clickId', 'A clicked element with this id.'),
  query('clickClass', 'A clicked element with this class.'),
  query('clickLabel', 'A clicked element whose aria-label (or title, alt, form label) contains this.'),
  query('clickSelector', 'A clicked element matching this CSS selector: tags, #id, .class, descendant and > combinators.'),
  { ...query('visited', 'Pages visited, in the order given: repeat the parameter. A part of the URL, or a pattern with * over the whole URL.'),
    schema: { type: 'array', items: { type: 'string' }, maxItems: 5 }, style: 'form', explode: true },
  query('error', 'A console error or unhandled error whose message contains this.'),
  query('warning', 'A console warning whose message contains this.'),
  query('requestUrl', 'A network request whose URL matches this pattern.'),
  query('requestMethod', 'A network request with this method (with the other request filters: the same request).'),
  query('requestStatus', 'A network request with this status: 404, 5xx, 400-499, or failed.'),
  query('event', 'A custom event with this name.'),
  query('eventProp', 'With `event`: the custom event has this property value, as key=value.'),
  query('userId', 'Identified (GoSight.identify) as this user at any time.'),
  query('trait', 'Identified with this trait, as key=value.'),
  query('browser', 'Browser name (Chrome, Firefox, Safari, …), case-insensitive.'),
  query('os', 'Operating system name (Windows, macOS, iOS, Android, Linux, …), case-insensitive.'),
  query('device', 'Device class.', { enum: ['desktop', 'tablet', 'mobile'] }),
  query('minViewportWidth', 'Narrowest viewport (CSS px).', { type: 'integer' }),
  query('maxViewportWidth', 'Widest viewport (CSS px).', { type: 'integer' }),
];

const MAP_PARAMS = [
  { ...query('url', 'The page: a part of its URL, or a pattern with * over the whole URL.'), required: true },
  query('from', 'Moments at or after (epoch ms).', { type: 'integer' }),
  query('to', 'Moments at or before (epoch ms).', { type: 'integer' }),
  query('device', 'Only sessions of this device class (positions are page pixels at the recorded width).', { enum: ['desktop', 'tablet', 'mobile'] }),
  query('minViewportWidth', 'Only page views, clicks and scrolls at a viewport this wide or wider (CSS px).', { type: 'integer' }),
  query('maxViewportWidth', 'Only those at a viewport this wide or narrower (CSS px).', { type: 'integer' }),
];

/** The session routes, mounted for a project and, at /api/sessions, for the default project. */
function sessionPaths(prefix: string, params: Schema[], tag: string): Record<string, unknown> {
  const withSession = [...params, sessionParam];
  return {
    [prefix]: {
      get: {
        tags: [tag], summary: 'List and search sessions', operationId: `listSessions${tag === 'default project' ? 'Default' : ''}`,
        description: 'Sessions newest first unless sorted otherwise. Every filter combines with AND. With search filters (what happened), each row says why it matched and when.',
        parameters: [...params, ...LIST_PARAMS],
        responses: { 200: ok('One page of sessions.', 'SessionListResponse'), ...errors(400, 401, 404) },
      },
    },
    [`${prefix}/{id}/events`]: {
      get: { tags: [tag], summary: 'Derived events and inactive ranges of a session', parameters: withSession,
        responses: { 200: ok('The events, in time order.', 'SessionEventsResponse'), ...errors(400, 401, 404) } },
    },
    [`${prefix}/{id}/replay`]: {
      get: { tags: [tag], summary: 'The chunk list of a session (what the player loads)', parameters: withSession,
        responses: { 200: ok('The manifest.', 'ReplayManifest'), ...errors(400, 401, 404) } },
    },
    [`${prefix}/{id}/replay/chunks/{index}`]: {
      get: {
        tags: [tag], summary: 'One chunk of a replay', parameters: [...withSession, path('index', 'Chunk index.', { type: 'integer', minimum: 0 })],
        description: 'Served with Content-Encoding: gzip as stored. Events are in arrival order: sort them by timestamp (stably) before playing.',
        responses: {
          200: { description: 'A JSON array of rrweb events.', headers: { 'Content-Encoding': { schema: { const: 'gzip' } } },
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/RrwebEvent' } } } } },
          ...errors(400, 401, 404),
        },
      },
    },
    [`${prefix}/{id}/story`]: {
      get: {
        tags: [tag], summary: 'The session told in words',
        description: 'Deterministic: told by rules from the session’s indexed moments. Fields are named, never their values.',
        parameters: [...withSession, query('format', 'json (default) or text.', { enum: ['json', 'text'] })],
        responses: {
          200: { description: 'The story.', content: { ...json('SessionStory'), 'text/plain': { schema: { type: 'string' } } } },
          ...errors(400, 401, 404),
        },
      },
    },
    [`${prefix}/{id}/assets`]: {
      get: { tags: [tag], summary: 'Captured assets of a session (with --capture-assets)', parameters: withSession,
        responses: { 200: ok('URL → captured blob.', 'AssetIndex'), ...errors(400, 401, 404) } },
    },
    [`${prefix}/{id}/assets/{hash}`]: {
      get: { tags: [tag], summary: 'One captured asset', parameters: [...withSession, path('hash', 'The blob’s hash.')],
        responses: { 200: { description: 'The bytes, as an attachment under a sandboxing CSP.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 401, 404) } },
    },
  };
}

function mapPath(prefix: string, params: Schema[], tag: string): Record<string, unknown> {
  return {
    [prefix]: {
      get: {
        tags: [tag], summary: 'Click and scroll maps of a page',
        description: 'Aggregated in the store over every session that viewed the page: click squares (rage and dead clicks apart), the share of sessions at each depth, the most clicked elements, and a page view to draw them on.',
        parameters: [...params, ...MAP_PARAMS],
        responses: { 200: ok('The map.', 'PageMap'), ...errors(400, 401, 404) },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 description of the read API, served at `/api/openapi.json`. Checked in
 * tests: every GET route the server registers is described here, and real answers validate
 * against these schemas.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const get = (tag: string, summary: string, schema: string, extra: Schema = {}) => ({
    get: { tags: [tag], summary, responses: { 200: ok(summary, schema), ...errors(401, 403) }, ...extra },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'GoSight read API', version,
      description: 'Sessions, replays, search, maps and stories of a self-hosted GoSight. Authenticate with the dashboard login cookie or an API token (Authorization: Bearer gst_…; `gosight tokens` or the dashboard). Errors are JSON with a stable code.',
    },
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'An API token: gst_<id>_<secret>.' },
        login: { type: 'apiKey', in: 'cookie', name: 'gosight_login' },
      },
    },
    security: [{ token: [] }, { login: [] }],
    paths: {
      ...sessionPaths('/api/projects/{project}/sessions', [projectParam], 'sessions'),
      ...sessionPaths('/api/sessions', [], 'default project'),
      ...mapPath('/api/projects/{project}/maps', [projectParam], 'maps'),
      ...mapPath('/api/maps', [], 'default project'),
      '/api/auth/me': get('accounts', 'Who the caller is, and the projects they may open', 'Me'),
      '/api/projects': get('accounts', 'Projects the caller may open, with their role', 'ProjectList'),
      '/api/projects/{project}': get('accounts', 'A project’s settings and keys (members for admins)', 'ProjectDetails', { parameters: [projectParam] }),
      '/api/tokens': get('accounts', 'API tokens (the caller’s; every one for a server admin)', 'TokenList'),
      '/api/users': get('accounts', 'Users (server admins)', 'UserList'),
      '/api/audit': get('accounts', 'The audit log (a project’s for its admins, all for server admins)', 'AuditLog', {
        parameters: [query('project', 'Project id.'), query('limit', 'At most 500.', { type: 'integer' }), query('offset', 'Rows to skip.', { type: 'integer' })],
      }),
      '/api/dead-letters': get('operations', 'Batches the processor set aside (server admins)', 'DeadLetterList', {
        parameters: [query('limit', 'Page size.', { type: 'integer' }), query('offset', 'Rows to skip.', { type: 'integer' }), query('sessionId', 'Only this session’s.')],
      }),
      '/api/dead-letters/{id}': get('operations', 'One set-aside batch', 'DeadLetter', { parameters: [path('id', 'Dead letter id.')] }),
      '/api/dead-letters/{id}/message': {
        get: { tags: ['operations'], summary: 'The set-aside queue message, as queued', parameters: [path('id', 'Dead letter id.')],
          responses: { 200: { description: 'The bytes.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(401, 403, 404) } },
      },
      '/api/health': {
        get: { tags: ['operations'], summary: 'Health of this process', security: [], responses: { 200: ok('Always 200 while serving.', 'Health') } },
      },
      [OPENAPI_PATH]: {
        get: { tags: ['operations'], summary: 'This description', security: [], responses: { 200: { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
    },
  };
}
