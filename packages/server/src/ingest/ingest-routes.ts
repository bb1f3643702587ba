import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import { INGEST_PATH, PROJECT_KEY_HEADER, PROJECT_KEY_QUERY } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import type { ReplayQueue } from '../queue/index.js';
import { encodeEnvelope } from '../pipeline/envelope.js';
import { decodeBody } from './decode-body.js';
import type { ProjectResolver } from './project-keys.js';
import { validateBatch } from './validate-batch.js';

export interface IngestLimits {
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxEventsPerBatch: number;
}

export interface IngestDeps {
  queue: ReplayQueue;
  projects: ProjectResolver;
  limits: IngestLimits;
}

/** Content types an SDK may send: JSON, or text/plain from `sendBeacon` with a string body. */
const ACCEPTED_TYPES = ['application/json', 'text/plain', ''];

/**
 * `POST /v1/replay`: decompress (capped), validate, append to the replay topic, and ack
 * only once the queue says the batch is durable.
 */
export async function ingestRoutes(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  // Any site may send to us with a valid key, so CORS is open on the ingest path only.
  await app.register(cors, {
    origin: '*',
    methods: ['POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Content-Encoding', 'X-GoSight-Key'],
    // The SDK reads Retry-After on 503 to pace its retries.
    exposedHeaders: ['Retry-After'],
    maxAge: 86_400,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.maxBodyBytes }, (_req, body, done) => done(null, body));

  app.post(INGEST_PATH, async (req, reply) => {
    const projectId = resolveProject(req, deps.projects);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(type)) throw new GoSightError('UNSUPPORTED_MEDIA_TYPE', `Content-Type "${type}" is not supported: send application/json`);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length === 0) throw new GoSightError('INVALID_BATCH', 'body is empty');
    const { json, encoding } = await decodeBody(raw, req.headers['content-encoding'], deps.limits.maxDecompressedBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch (err) {
      throw new GoSightError('INVALID_JSON', `body is not valid JSON: ${(err as Error).message}`);
    }
    const check = validateBatch(parsed, deps.limits.maxEventsPerBatch);
    if (!check.ok) throw new GoSightError('INVALID_BATCH', `invalid batch: ${check.problems.join('; ')}`);
    const { sessionId, seq, events } = check.batch;
    const header = {
      v: 1 as const,
      projectId,
      sessionId: sessionId.toLowerCase(),
      seq,
      receivedAt: Date.now(),
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 512),
      encoding,
    };
    // The key is the session: in a partitioned queue a session's batches stay in order.
    await deps.queue.publish(header.sessionId, encodeEnvelope(header, raw));
    req.log.debug({ sessionId, seq, events: events.length }, 'batch acked');
    return reply.code(200).send({ accepted: events.length, sessionId: header.sessionId, seq });
  });
}

function resolveProject(req: FastifyRequest, projects: ProjectResolver): string {
  const fromHeader = req.headers[PROJECT_KEY_HEADER];
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.[PROJECT_KEY_QUERY];
  const key = typeof fromHeader === 'string' && fromHeader ? fromHeader : typeof fromQuery === 'string' ? fromQuery : '';
  if (!key) throw new GoSightError('MISSING_KEY');
  const projectId = projects.projectFor(key);
  if (!projectId) throw new GoSightError('INVALID_KEY');
  return projectId;
}
