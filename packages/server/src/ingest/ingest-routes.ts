import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import { INGEST_PATH, PROJECT_KEY_HEADER, PROJECT_KEY_QUERY, WIRE_LIMITS, type PrivacyPolicy } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import { asGoSightError, errorHandler } from '../http/index.js';
import type { ReplayQueue } from '../queue/index.js';
import { encodeEnvelope, type DecodedBatch } from '../pipeline/envelope.js';
import { compressChunk } from '../pipeline/gzip.js';
import { HOT_RETENTION_MS } from '../pipeline/retention.js';
import { decodeBody } from './decode-body.js';
import { checkJsonDepth, eventTexts } from './json-depth.js';
import type { ProjectResolver } from './project-keys.js';
import { validateBatch } from '../pipeline/validate-batch.js';
import { scrubBatchEvents } from './scrub-batch.js';
import { limiter, registerRateLimits, type RateLimit } from '../http/rate-limits.js';

export interface IngestLimits {
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxEventsPerBatch: number;
  /** How far ahead of the server's clock an event's timestamp may be. */
  maxClockSkewMs: number;
}

export interface IngestDeps {
  queue: ReplayQueue;
  /** The second line of privacy (scrub-batch.ts), from `--redact-keys`. */
  privacy: PrivacyPolicy;
  projects: ProjectResolver;
  limits: IngestLimits;
  /** Per ingest key, and per client address (a visitor's requests come from one address); absent: none. */
  rateLimits?: { perKey: RateLimit; perAddress: RateLimit };
  now?: () => number;
  /** Called with every answer's status and code (`OK` when accepted), for metrics. */
  onAnswer?: (status: number, code: string) => void;
}

const NO_LIMIT: RateLimit = { max: 0, windowMs: 60_000 };

/** Content types an SDK may send: JSON, or text/plain from `sendBeacon` with a string body. */
const ACCEPTED_TYPES = ['application/json', 'text/plain', ''];

/** The ingest routes live under their own prefix, so the open CORS below covers them and nothing else. */
const INGEST_PREFIX = INGEST_PATH.slice(0, INGEST_PATH.lastIndexOf('/'));

/**
 * `POST /v1/replay`: decompress (capped), check nesting, parse, validate, scrub free text,
 * append to the replay topic, and ack only once the queue says the batch is durable.
 */
export async function ingestRoutes(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  await app.register(async (scope) => ingestScope(scope, deps), { prefix: INGEST_PREFIX });
}

async function ingestScope(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  // Any site may send to us with a valid key, so CORS is open, on the ingest prefix only.
  await app.register(cors, {
    origin: '*',
    methods: ['POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Content-Encoding', 'X-GoSight-Key'],
    // The SDK reads Retry-After on 503 to pace its retries.
    exposedHeaders: ['Retry-After'],
    maxAge: 86_400,
  });
  // Other sites load these answers (fetch, sendBeacon): opt out of the same-origin resource policy.
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  });
  const codes = new WeakMap<object, string>();
  app.setErrorHandler((err: Error, req, reply) => {
    codes.set(req, asGoSightError(err).code);
    return errorHandler(err, req, reply);
  });
  app.addHook('onResponse', async (req, reply) => {
    deps.onAnswer?.(reply.statusCode, codes.get(req) ?? (reply.statusCode < 400 ? 'OK' : 'UNKNOWN'));
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.maxBodyBytes }, (_req, body, done) => done(null, body));
  const now = deps.now ?? Date.now;
  await registerRateLimits(app);
  // The address limit comes first: a flood from one address is refused before any key is looked up.
  const byAddress = limiter(app, 'ingest-address', deps.rateLimits?.perAddress ?? NO_LIMIT, (req) => req.ip);
  const byKey = limiter(app, 'ingest-key', deps.rateLimits?.perKey ?? NO_LIMIT, (req) => ingestKey(req) || undefined);

  app.post(INGEST_PATH.slice(INGEST_PREFIX.length), { onRequest: [byAddress, byKey] }, async (req, reply) => {
    const projectId = await resolveProject(req, deps.projects);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(type)) throw new GoSightError('UNSUPPORTED_MEDIA_TYPE', `Content-Type "${type.slice(0, 100)}" is not supported: send application/json`);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length === 0) throw new GoSightError('INVALID_BATCH', 'body is empty');
    const { json, encoding } = await decodeBody(raw, req.headers['content-encoding'], deps.limits.maxDecompressedBytes);
    const depth = checkJsonDepth(json, WIRE_LIMITS.maxJsonDepth);
    if (!depth.ok) {
      throw new GoSightError('INVALID_BATCH', `invalid batch: events[${depth.eventIndex}] nests arrays and objects deeper than ${WIRE_LIMITS.maxJsonDepth} levels`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch (err) {
      throw new GoSightError('INVALID_JSON', `body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
    }
    const check = validateBatch(parsed, {
      maxEvents: deps.limits.maxEventsPerBatch,
      window: { now: now(), maxAgeMs: HOT_RETENTION_MS, maxFutureMs: deps.limits.maxClockSkewMs },
    });
    if (!check.ok) throw new GoSightError('INVALID_BATCH', `invalid batch: ${check.problems.join('; ')}`);
    const { sessionId, seq, events } = check.batch;
    let body = raw;
    let jsonBytes = json.length;
    const scrubbed = scrubBatchEvents(events, deps.privacy);
    if (scrubbed) {
      // The only second encode (and compression) on the write path, and only for a batch that
      // carried a secret past its SDK: the bytes as sent must not reach the queue's disk.
      const json = Buffer.from(JSON.stringify({ ...check.batch, events: scrubbed }));
      body = encoding === 'gzip' ? await compressChunk(json, 6) : json;
      jsonBytes = json.length;
      req.log.info({ sessionId, seq }, 'batch carried secrets in free text; scrubbed before queueing');
    }
    const header = {
      v: 1 as const,
      projectId,
      sessionId: sessionId.toLowerCase(),
      seq,
      receivedAt: now(),
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 512),
      encoding,
    };
    // The key is the session: in a partitioned queue a session's batches stay in order.
    // The parse goes along for a processor in this process (the embedded queue), so it is not parsed twice.
    const texts = scrubbed ? undefined : eventTexts(json, depth.eventSpans, events.length);
    const decoded: DecodedBatch = { kind: 'replay-batch', events: scrubbed ?? events, jsonBytes, ...(texts ? { texts } : {}) };
    await deps.queue.publish(header.sessionId, encodeEnvelope(header, body), { value: decoded, bytes: jsonBytes });
    req.log.debug({ sessionId, seq, events: events.length }, 'batch acked');
    return reply.code(200).send({ accepted: events.length, sessionId: header.sessionId, seq });
  });
}

function ingestKey(req: FastifyRequest): string {
  const fromHeader = req.headers[PROJECT_KEY_HEADER];
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.[PROJECT_KEY_QUERY];
  const key = typeof fromHeader === 'string' && fromHeader ? fromHeader : typeof fromQuery === 'string' ? fromQuery : '';
  return key.slice(0, 200);
}

/**
 * The project of the request's key, when the page sending it is one of the project's
 * allowed origins (any, when the project lists none). Browsers always send `Origin` on a
 * cross-origin POST and on sendBeacon; a request without one is not from a page and passes.
 */
async function resolveProject(req: FastifyRequest, projects: ProjectResolver): Promise<string> {
  const key = ingestKey(req);
  if (!key) throw new GoSightError('MISSING_KEY');
  const grant = await projects.keyGrant(key);
  if (!grant) throw new GoSightError('INVALID_KEY');
  const origin = req.headers.origin;
  if (grant.allowedOrigins.length > 0 && origin !== undefined && !grant.allowedOrigins.includes(origin)) {
    throw new GoSightError('ORIGIN_NOT_ALLOWED', `origin ${origin.slice(0, 200)} is not allowed to send to this project`);
  }
  return grant.projectId;
}
