import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_ID_PATTERN } from '@gosight/shared';
import { int, parseListQuery } from './parse-list-query.js';
import { storyText, tellStory } from '../story/tell-story.js';
import { GoSightError } from '../errors/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { AssetLibrary } from '../assets/index.js';
import { requireRole } from './authenticate.js';
import type { SessionEraser } from '../erasure/index.js';
import type { Access, Accounts, ProjectRole } from '../accounts/index.js';

export interface SessionRouteDeps {
  store: ReplayReader;
  /** The project of routes mounted without `:project` (the default project). */
  projectId: string;
  assets?: AssetLibrary;
  /** Erasure on request; the audit log records who erased what. */
  eraser: SessionEraser;
  accounts: Accounts;
}

/**
 * The project of a session route (the default one where the mount has no `:project`), once
 * the caller is known to have `role` in it; a project they cannot see is a 404.
 */
function projectOf(req: FastifyRequest, deps: SessionRouteDeps, role: ProjectRole): { projectId: string; access: Access } {
  const projectId = (req.params as { project?: string }).project ?? deps.projectId;
  return { projectId, access: requireRole(req, projectId, role) };
}

/**
 * A project's sessions: list, derived events, replay manifest, chunk bytes, captured assets.
 * Mounted under `/api/projects/:project/sessions` and `/api/sessions` (the default project).
 */
export async function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): Promise<void> {
  const readable = (req: FastifyRequest): string => projectOf(req, deps, 'viewer').projectId;

  app.get('', async (req) => deps.store.listSessions(readable(req), parseListQuery(req.query as Record<string, string | string[] | undefined>)));

  app.get('/:id/events', async (req) => {
    const projectId = readable(req);
    const id = sessionIdParam(req.params);
    const events = await deps.store.getSessionEvents(projectId, id);
    if (!events) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return events;
  });

  app.get('/:id/replay', async (req) => {
    const projectId = readable(req);
    const id = sessionIdParam(req.params);
    const manifest = await deps.store.getManifest(projectId, id);
    if (!manifest) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    return manifest;
  });

  app.get('/:id/story', async (req, reply) => {
    const projectId = readable(req);
    const id = sessionIdParam(req.params);
    const format = (req.query as { format?: string }).format ?? 'json';
    if (format !== 'json' && format !== 'text') throw new GoSightError('INVALID_REQUEST', `format must be json or text (got "${format}")`);
    const [manifest, moments] = await Promise.all([deps.store.getManifest(projectId, id), deps.store.sessionMoments(projectId, id)]);
    if (!manifest) throw new GoSightError('SESSION_NOT_FOUND', `session ${id} not found (or not processed yet)`);
    const story = tellStory({ sessionId: id, startedAt: manifest.startedAt, endedAt: manifest.endedAt }, moments);
    return format === 'text' ? reply.type('text/plain; charset=utf-8').send(storyText(story)) : story;
  });

  app.get('/:id/replay/chunks/:index', async (req, reply) => {
    const projectId = readable(req);
    const id = sessionIdParam(req.params);
    const index = int((req.params as { index: string }).index, 'chunk index', 0, 65_535) ?? 0;
    const data = await deps.store.getChunkData(projectId, id, index);
    if (!data) throw new GoSightError('CHUNK_NOT_FOUND', `session ${id} has no chunk ${index}`);
    // The stored gzip goes out as it is; the browser decompresses it.
    return reply
      .header('Content-Type', 'application/json')
      .header('Content-Encoding', 'gzip')
      .header('Cache-Control', 'no-cache')
      .send(data);
  });

  if (deps.assets) assetRoutes(app, deps.assets, readable);
  erasureRoutes(app, deps);
}

/**
 * Erasure, for a project's admins: one session, or every session of a user id (a visitor
 * asking to be forgotten). Written to the audit log before it starts, so an erasure cut
 * short is on record too.
 */
function erasureRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const adminOf = (req: FastifyRequest) => projectOf(req, deps, 'admin');

  app.delete('/:id', async (req) => {
    const { projectId, access } = adminOf(req);
    const id = sessionIdParam(req.params);
    await deps.accounts.audit({ actor: access.actor, action: 'session.delete', projectId, target: id, detail: '' });
    const [report] = await deps.eraser.eraseSessions(projectId, [id]);
    return { deleted: 1, sessions: [report] };
  });

  app.post('/delete', {
    schema: { body: { type: 'object', required: ['userId'], additionalProperties: false, properties: { userId: { type: 'string', minLength: 1, maxLength: 512 } } } },
  }, async (req) => {
    const { projectId, access } = adminOf(req);
    const { userId } = req.body as { userId: string };
    const reports = await deps.eraser.eraseUser(projectId, userId);
    await deps.accounts.audit({
      actor: access.actor, action: 'user.erase', projectId, target: userId,
      detail: `${reports.length} session${reports.length === 1 ? '' : 's'}: ${reports.map((r) => r.sessionId).join(' ')}`.slice(0, 4000),
    });
    return { deleted: reports.length, sessions: reports };
  });
}

/**
 * Captured assets of a session: the index (URL → blob) the player rewrites the replay with,
 * and each blob, served only to a session that used it. A blob is immutable (named by its
 * hash); it is served so that it can never run as a page of ours: a sandboxing CSP, no
 * sniffing, and as an attachment when opened directly.
 */
function assetRoutes(app: FastifyInstance, library: AssetLibrary, readable: (req: FastifyRequest) => string): void {
  app.get('/:id/assets', async (req) => {
    const projectId = readable(req);
    return { assets: await library.readIndex(projectId, sessionIdParam(req.params)) };
  });

  app.get('/:id/assets/:hash', async (req, reply) => {
    const projectId = readable(req);
    const id = sessionIdParam(req.params);
    const hash = (req.params as { hash?: string }).hash ?? '';
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

export function sessionIdParam(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!SESSION_ID_PATTERN.test(id)) throw new GoSightError('INVALID_REQUEST', `"${id}" is not a session id (a UUID)`);
  return id.toLowerCase();
}
