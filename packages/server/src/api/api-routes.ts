import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_ID_PATTERN, SESSIONS_PATH } from '@gosight/shared';
import { int, parseListQuery } from './parse-list-query.js';
import { GoSightError } from '../errors/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { DeadLetterAdmin } from '../deadletters/index.js';
import type { AssetLibrary } from '../assets/index.js';
import { deadLetterRoutes } from './dead-letter-routes.js';
import { refuseCrossOriginWrites } from '../http/index.js';
import cookie from '@fastify/cookie';
import type { Accounts } from '../accounts/index.js';
import { registerRateLimits } from '../http/rate-limits.js';
import { authenticate, requireRole, requireServerAdmin } from './authenticate.js';
import { authRoutes, type LoginLimits } from './auth-routes.js';
import { accountRoutes } from './account-routes.js';

export interface ApiDeps {
  /** Hot store with the cold-storage fallback for archived sessions. */
  store: ReplayReader;
  /** The project a request without `?project=` reads (the default project). */
  projectId: string;
  accounts: Accounts;
  /** Open access for requests without credentials while no account exists (loopback only). */
  openWithoutAccounts: boolean;
  loginLimits: LoginLimits;
  /** Batches the processor set aside. */
  deadLetters: DeadLetterAdmin;
  /** Captured assets (`--capture-assets`); absent when capture is off. */
  assets?: AssetLibrary;
}

/** Read API for the dashboard (session list, replay manifest, chunk bytes) and the dead letters. */
export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  refuseCrossOriginWrites(app);
  await app.register(cookie);
  await registerRateLimits(app);
  authenticate(app, { accounts: deps.accounts, openWithoutAccounts: deps.openWithoutAccounts });
  authRoutes(app, deps.accounts, deps.loginLimits);
  accountRoutes(app, deps.accounts);
  // Dead letters hold batches of every project: a server admin's business.
  await app.register(async (scope) => {
    scope.addHook('preHandler', async (req) => { requireServerAdmin(req); });
    await deadLetterRoutes(scope, deps.deadLetters);
  });
  /** The project a session route reads, once the caller is known to see it. */
  const readable = (req: FastifyRequest): string => {
    const projectId = projectParam(req.query, deps.projectId);
    requireRole(req, projectId, 'viewer');
    return projectId;
  };

  app.get(SESSIONS_PATH, async (req) => {
    const projectId = readable(req);
    const { project: _project, ...query } = req.query as Record<string, string | undefined>;
    return deps.store.listSessions(projectId, parseListQuery(query));
  });

  app.get('/api/sessions/:id/events', async (req) => {
    const id = sessionIdParam(req.params);
    const events = await deps.store.getSessionEvents(readable(req), id);
    if (!events) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return events;
  });

  app.get('/api/sessions/:id/replay', async (req) => {
    const id = sessionIdParam(req.params);
    const manifest = await deps.store.getManifest(readable(req), id);
    if (!manifest) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return manifest;
  });

  if (deps.assets) assetRoutes(app, deps.assets, readable);

  app.get('/api/sessions/:id/replay/chunks/:index', async (req, reply) => {
    const id = sessionIdParam(req.params);
    const index = int((req.params as { index: string }).index, 'chunk index', 0, 65_535) ?? 0;
    const data = await deps.store.getChunkData(readable(req), id, index);
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
function assetRoutes(app: FastifyInstance, library: AssetLibrary, readable: (req: FastifyRequest) => string): void {
  app.get('/api/sessions/:id/assets', async (req) => {
    const id = sessionIdParam(req.params);
    return { assets: await library.readIndex(readable(req), id) };
  });

  app.get('/api/sessions/:id/assets/:hash', async (req, reply) => {
    const id = sessionIdParam(req.params);
    const hash = (req.params as { hash?: string }).hash ?? '';
    const projectId = readable(req);
    const asset = Object.values(await library.readIndex(projectId, id)).find((a) => a.hash === hash);
    const bytes = asset ? await library.getBlob(projectId, hash) : undefined;
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

/** `?project=<id>`, or the default project when absent. */
function projectParam(query: unknown, fallback: string): string {
  const project = (query as { project?: unknown } | undefined)?.project;
  if (project === undefined || project === '') return fallback;
  if (typeof project !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(project)) throw new GoSightError('INVALID_REQUEST', 'project is a project id');
  return project;
}
