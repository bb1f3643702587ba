import type { FastifyInstance } from 'fastify';
import { SESSION_ID_PATTERN, SESSIONS_PATH } from '@gosight/shared';
import { int, parseListQuery } from './parse-list-query.js';
import { GoSightError } from '../errors/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { DeadLetterAdmin } from '../deadletters/index.js';
import type { AssetLibrary } from '../assets/index.js';
import { deadLetterRoutes } from './dead-letter-routes.js';
import { refuseCrossOriginWrites } from '../http/index.js';

export interface ApiDeps {
  /** Hot store with the cold-storage fallback for archived sessions. */
  store: ReplayReader;
  /** The project the dashboard shows (the embedded default has one). */
  projectId: string;
  /** Batches the processor set aside. */
  deadLetters: DeadLetterAdmin;
  /** Captured assets (`--capture-assets`); absent when capture is off. */
  assets?: AssetLibrary;
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

  if (deps.assets) assetRoutes(app, deps, deps.assets);

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

/**
 * Captured assets of a session: the index (URL → blob) the player rewrites the replay with,
 * and each blob, served only to a session that used it. A blob is immutable (named by its
 * hash); it is served so that it can never run as a page of ours: a sandboxing CSP, no
 * sniffing, and as an attachment when opened directly.
 */
function assetRoutes(app: FastifyInstance, deps: ApiDeps, library: AssetLibrary): void {
  app.get('/api/sessions/:id/assets', async (req) => {
    const id = sessionIdParam(req.params);
    return { assets: await library.readIndex(deps.projectId, id) };
  });

  app.get('/api/sessions/:id/assets/:hash', async (req, reply) => {
    const id = sessionIdParam(req.params);
    const hash = (req.params as { hash?: string }).hash ?? '';
    const asset = Object.values(await library.readIndex(deps.projectId, id)).find((a) => a.hash === hash);
    const bytes = asset ? await library.getBlob(deps.projectId, hash) : undefined;
    if (!asset || !bytes) throw new GoSightError('ASSET_NOT_FOUND', `session ${id} has no captured asset ${hash.slice(0, 64)}`);
    return reply
      .header('Content-Type', asset.type)
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:")
      .header('Content-Disposition', 'attachment')
      .send(bytes);
  });
}

function sessionIdParam(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!SESSION_ID_PATTERN.test(id)) throw new GoSightError('INVALID_REQUEST', `"${id}" is not a session id (a UUID)`);
  return id.toLowerCase();
}
