/**
 * Every error the server answers with, in one place: a stable code, an HTTP status and
 * a default message. Stages throw `GoSightError`s; the HTTP layer turns them into
 * `{ error: { code, message } }` answers in one place (app/error-handler.ts).
 */
export const ERRORS = {
  HOST_NOT_ALLOWED: { status: 403, message: 'Host name not allowed: add it to --allowed-hosts' },
  CROSS_ORIGIN_REQUEST: { status: 403, message: 'State-changing requests must come from the dashboard\'s own origin' },
  MISSING_KEY: { status: 401, message: 'Project key missing: send header X-GoSight-Key or query ?key=' },
  INVALID_KEY: { status: 401, message: 'Unknown project key' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'This project does not take batches from this origin: add it to the project\'s allowed origins' },
  UNAUTHENTICATED: { status: 401, message: 'Log in, or send an API token as "Authorization: Bearer <token>"' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong e-mail or password' },
  FORBIDDEN: { status: 403, message: 'Your account may not do this' },
  RATE_LIMITED: { status: 429, message: 'Too many requests, retry later' },
  PROJECT_NOT_FOUND: { status: 404, message: 'Project not found' },
  USER_NOT_FOUND: { status: 404, message: 'User not found' },
  TOKEN_NOT_FOUND: { status: 404, message: 'API token not found' },
  CONFLICT: { status: 409, message: 'Already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Payload too large' },
  UNSUPPORTED_ENCODING: { status: 415, message: 'Unsupported Content-Encoding: use gzip or none' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Content-Type: send application/json' },
  DECOMPRESSION_FAILED: { status: 400, message: 'Body is not valid gzip' },
  INVALID_JSON: { status: 400, message: 'Body is not valid JSON' },
  INVALID_BATCH: { status: 400, message: 'Batch does not match the replay batch schema' },
  INVALID_REQUEST: { status: 400, message: 'Invalid request' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  SESSION_NOT_FOUND: { status: 404, message: 'Session not found' },
  CHUNK_NOT_FOUND: { status: 404, message: 'Chunk not found' },
  ASSET_NOT_FOUND: { status: 404, message: 'Asset not captured for this session' },
  DEAD_LETTER_NOT_FOUND: { status: 404, message: 'Dead letter not found' },
  QUEUE_UNAVAILABLE: { status: 503, message: 'Queue unavailable, retry later', retryAfterSeconds: 2 },
  STORE_UNAVAILABLE: { status: 503, message: 'Store unavailable, retry later', retryAfterSeconds: 2 },
  // Space comes back when an operator frees it or the processor drains the queue: not in 2 s.
  DISK_FULL: { status: 503, message: 'The server\'s disk is full, retry later', retryAfterSeconds: 30 },
  INTERNAL: { status: 500, message: 'Internal server error' },
} as const satisfies Record<string, { status: number; message: string; retryAfterSeconds?: number }>;

export type ErrorName = keyof typeof ERRORS;

/** The public code of an error name, e.g. `GOSIGHT_PAYLOAD_TOO_LARGE`. */
export const errorCode = (name: ErrorName): string => `GOSIGHT_${name}`;
