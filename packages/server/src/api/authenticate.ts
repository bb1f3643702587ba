import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access, Accounts, ProjectRole } from '../accounts/index.js';
import { GoSightError } from '../errors/index.js';

/** The dashboard login cookie: HttpOnly, SameSite=Lax, Secure over TLS, holding a random secret. */
export const LOGIN_COOKIE = 'gosight_login';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as; undefined when it carries no live credentials. */
    access?: Access;
  }
}

export interface AuthPolicy {
  accounts: Accounts;
  /**
   * Whether a request without credentials may act as this machine's operator while no
   * account exists: only when the server listens on loopback and trusts no proxy.
   */
  openWithoutAccounts: boolean;
}

/**
 * Resolves every request's credentials: an API token (`Authorization: Bearer gst_…`),
 * else the login cookie, else open access on a loopback-only server without accounts.
 * Routes then ask `requireRole` / `requireServerAdmin`.
 */
export function authenticate(app: FastifyInstance, policy: AuthPolicy): void {
  app.addHook('onRequest', async (req) => {
    req.access = await resolveAccess(req, policy);
  });
}

async function resolveAccess(req: FastifyRequest, policy: AuthPolicy): Promise<Access | undefined> {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const access = token ? await policy.accounts.accessForToken(token) : undefined;
    // A token that is wrong must say so, not fall back to a cookie or open access.
    if (!access) throw new GoSightError('UNAUTHENTICATED', 'the API token is unknown, revoked, or not sent as "Bearer <token>"');
    return access;
  }
  const secret = req.cookies?.[LOGIN_COOKIE];
  if (secret) {
    const access = await policy.accounts.accessForLogin(secret);
    if (access) return access;
  }
  if (policy.openWithoutAccounts && !(await policy.accounts.hasUsers())) return policy.accounts.openAccess();
  return undefined;
}

export function requireAccess(req: FastifyRequest): Access {
  if (!req.access) throw new GoSightError('UNAUTHENTICATED');
  return req.access;
}

/**
 * The caller's access when it has at least `role` in `projectId`. A project the caller
 * cannot see is answered 404, as if it did not exist; one it sees with too small a role, 403.
 */
export function requireRole(req: FastifyRequest, projectId: string, role: ProjectRole): Access {
  const access = requireAccess(req);
  const has = access.roles.get(projectId);
  if (!has) throw new GoSightError('PROJECT_NOT_FOUND', `no project "${projectId.slice(0, 64)}" you can see`);
  if (role === 'admin' && has !== 'admin') throw new GoSightError('FORBIDDEN', `changing project "${projectId}" needs the admin role; you are a viewer`);
  return access;
}

export function requireServerAdmin(req: FastifyRequest): Access {
  const access = requireAccess(req);
  if (!access.serverAdmin) throw new GoSightError('FORBIDDEN', 'this needs a server admin, logged in (not an API token)');
  return access;
}
