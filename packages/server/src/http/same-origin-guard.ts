import type { FastifyInstance } from 'fastify';
import { GoSightError } from '../errors/index.js';
import { hostName } from './host-allow-list.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests (POST, DELETE, …) that a browser sent from another
 * site: their `Sec-Fetch-Site` says cross-site, or their `Origin` names another host than
 * the one they were sent to. Without this a page anywhere could make a viewer's browser
 * post a form to the API. Command-line clients send neither header and pass.
 */
export function refuseCrossOriginWrites(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new GoSightError('CROSS_ORIGIN_REQUEST', `a ${site} ${req.method} is refused: use the dashboard or the gosight command`);
    }
    const origin = req.headers.origin;
    if (origin === undefined) return;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = '';
    }
    if (!originHost || hostName(originHost) !== hostName(req.headers.host ?? '') || portOf(originHost) !== portOf(req.headers.host ?? '')) {
      throw new GoSightError('CROSS_ORIGIN_REQUEST', `a ${req.method} from ${origin.slice(0, 100)} is refused: use the dashboard or the gosight command`);
    }
  });
}

const portOf = (host: string): string => /:(\d+)$/.exec(host)?.[1] ?? '';
