import type { FastifyInstance } from 'fastify';
import { SESSION_ID_PATTERN, SESSIONS_PATH } from '@gosight/shared';
import { int, parseListQuery } from './parse-list-query.js';
import { GoSightError } from '../errors/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { DeadLetterAdmin } from '../deadletters/index.js';
import { deadLetterRoutes } from './dead-letter-routes.js';
import { refuseCrossOriginWrites } from '../http/index.js';

export interface ApiDeps {
  /** Hot store with the cold-storage fallback for archived sessions. */
  store: ReplayReader;
  /** The project the dashboard shows (the embedded default has one). */
  projectId: string;
  /** Batches the processor set aside. */
  deadLetters: DeadLetterAdmin;
}

/** Read API for the dashboard (session list, replay manifest, chunk bytes) and the dead letters. */
export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  refuseCrossOriginWrites(app);
  await deadLetterRoutes(app, deps.deadLetters);

  app.get(SESSIONS_PATH, async (req) =>
    deps.store.listSessions(deps.projectId, parseListQuery(req.query as Record<string, string | undefined>)));

  app.get('/api/sessions/:id/events', async (req) => {
    const id = sessionIdParam(req.params);
    const events = await deps.store.getSessionEvents(deps.projectId, id);
    if (!events) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return events;
  });

  app.get('/api/sessions/:id/replay', async (req) => {
    const id = sessionIdParam(req.params);
    const manifest = await deps.store.getManifest(deps.projectId, id);
    if (!manifest) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return manifest;
  });

  app.get('/api/sessions/:id/replay/chunks/:index', async (req, reply) => {
    const id = sessionIdParam(req.params);
    const index = int((req.params as { index: string }).index, 'chunk index', 0, 65_535) ?? 0;
    const data = await deps.store.getChunkData(deps.projectId, id, index);
    if (!data) throw new GoSightError('CHUNK_NOT_FOUND', `session ${id} has no chunk ${index}`);
    // The stored gzip goes out as it is; the browser decompresses it.
    return reply
      .header('Content-Type', 'application/json')
      .header('Content-Encoding', 'gzip')
      .header('Cache-Control', 'no-cache')
      .send(data);
  });
}

function sessionIdParam(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!SESSION_ID_PATTERN.test(id)) throw new GoSightError('INVALID_REQUEST', `"${id}" is not a session id (a UUID)`);
  return id.toLowerCase();
}
