import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_TTL_MS, userView, type Accounts } from '../accounts/index.js';
import { GoSightError } from '../errors/index.js';
import { limiter, type RateLimit } from '../http/rate-limits.js';
import { LOGIN_COOKIE, requireAccess } from './authenticate.js';

export interface LoginLimits {
  /** Login attempts per client address per window. */
  perAddress: RateLimit;
  /** Login attempts per e-mail per window (guessing one account's password from many addresses). */
  perEmail: RateLimit;
}

const loginBody = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', maxLength: 256 }, password: { type: 'string', maxLength: 256 } },
} as const;

/** Login, logout and "who am I" for the dashboard. */
export function authRoutes(app: FastifyInstance, accounts: Accounts, limits: LoginLimits): void {
  const byAddress = limiter(app, 'login-address', limits.perAddress, (req) => req.ip);
  const byEmail = limiter(app, 'login-email', limits.perEmail, (req) => String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase());

  app.post('/api/auth/login', { schema: { body: loginBody }, preHandler: [byAddress, byEmail] }, async (req, reply) => {
    const { email, password } = req.body as { email: string; password: string };
    const user = await accounts.users.verify(email, password);
    if (!user) {
      req.log.info({ email: email.slice(0, 100), ip: req.ip }, 'login refused');
      throw new GoSightError('INVALID_CREDENTIALS');
    }
    const { secret } = await accounts.logins.create(user);
    setLoginCookie(req, reply, secret, LOGIN_TTL_MS);
    req.log.info({ user: user.email, ip: req.ip }, 'logged in');
    return { user: userView(user) };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    const secret = req.cookies?.[LOGIN_COOKIE];
    if (secret) await accounts.logout(secret);
    setLoginCookie(req, reply, '', 0);
    return { loggedOut: true };
  });

  app.get('/api/auth/me', async (req) => {
    const access = requireAccess(req);
    const projects = await accounts.projects.list();
    return {
      user: access.principal.kind === 'user' ? userView(access.principal.user) : null,
      open: access.principal.kind === 'open',
      serverAdmin: access.serverAdmin,
      projects: projects.filter((p) => access.roles.has(p.id)).map((p) => ({ id: p.id, name: p.name, role: access.roles.get(p.id)! })),
    };
  });
}

function setLoginCookie(req: FastifyRequest, reply: FastifyReply, value: string, maxAgeMs: number): void {
  reply.setCookie(LOGIN_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Over TLS (directly or behind a trusted proxy) the cookie never travels in clear.
    secure: req.protocol === 'https',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
