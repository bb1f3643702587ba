import type { FastifyInstance } from 'fastify';
import { DEVICE_CLASSES, WIRE_LIMITS, type DeviceClass, type PageMapQuery } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import { requireRole } from './authenticate.js';
import { int } from './parse-list-query.js';

export interface MapRouteDeps {
  store: ReplayReader;
  /** The project of the route mounted without `:project` (the default project). */
  projectId: string;
}

/** `GET …/maps?url=&from=&to=&device=&minViewportWidth=&maxViewportWidth=`: click and scroll maps of a page, for a project's viewers. */
export async function mapRoutes(app: FastifyInstance, deps: MapRouteDeps): Promise<void> {
  app.get('', async (req) => {
    const projectId = (req.params as { project?: string }).project ?? deps.projectId;
    requireRole(req, projectId, 'viewer');
    return deps.store.pageMap(projectId, parseMapQuery(req.query as Record<string, string | undefined>));
  });
}

/** A page map query from a query string; a bad value is a 400 naming it. */
export function parseMapQuery(q: Record<string, string | undefined>): PageMapQuery {
  const url = typeof q.url === 'string' ? q.url.trim() : '';
  if (!url) throw new GoSightError('INVALID_REQUEST', 'url: the page to map is required (a part of its URL, or a pattern with *)');
  if (url.length > 500) throw new GoSightError('INVALID_REQUEST', 'url: at most 500 characters');
  const query: PageMapQuery = { url };
  const from = int(q.from, 'from', 0, Number.MAX_SAFE_INTEGER);
  const to = int(q.to, 'to', 0, Number.MAX_SAFE_INTEGER);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (q.device) {
    if (!DEVICE_CLASSES.includes(q.device as DeviceClass)) throw new GoSightError('INVALID_REQUEST', `device: one of ${DEVICE_CLASSES.join(', ')} (got "${q.device}")`);
    query.device = q.device as DeviceClass;
  }
  const minWidth = int(q.minViewportWidth, 'minViewportWidth', 0, WIRE_LIMITS.maxViewportPx);
  const maxWidth = int(q.maxViewportWidth, 'maxViewportWidth', 0, WIRE_LIMITS.maxViewportPx);
  if (minWidth !== undefined) query.minViewportWidth = minWidth;
  if (maxWidth !== undefined) query.maxViewportWidth = maxWidth;
  return query;
}
