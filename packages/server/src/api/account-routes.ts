import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tokenView, userView, type Access, type Accounts, type ProjectRole } from '../accounts/index.js';
import { GoSightError } from '../errors/index.js';
import { requireAccess, requireRole, requireServerAdmin } from './authenticate.js';

const str = (max: number) => ({ type: 'string', maxLength: max }) as const;
const body = (properties: Record<string, unknown>, required: string[] = []) =>
  ({ schema: { body: { type: 'object', additionalProperties: false, required, properties } } });
const param = (req: FastifyRequest, name: string): string => String((req.params as Record<string, string>)[name] ?? '');

/**
 * Projects (settings, ingest keys, members), API tokens and users. Project changes need
 * the project's admin role; users and new projects need a server admin. Every change is
 * written to the audit log.
 */
export function accountRoutes(app: FastifyInstance, accounts: Accounts): void {
  const audit = async (access: Access, action: string, projectId: string, target: string, detail = '') => {
    accounts.changed();
    await accounts.audit({ actor: access.actor, action, projectId, target, detail });
  };

  app.get('/api/projects', async (req) => {
    const access = requireAccess(req);
    return { projects: (await accounts.projects.list()).filter((p) => access.roles.has(p.id)).map((p) => ({ ...p, role: access.roles.get(p.id) })) };
  });

  app.post('/api/projects', body({ id: str(63), name: str(200) }, ['id']), async (req) => {
    const access = requireServerAdmin(req);
    const { id, name } = req.body as { id: string; name?: string };
    const created = await accounts.projects.create(id, name);
    await audit(access, 'project.create', id, id);
    return created;
  });

  app.get('/api/projects/:project', async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'viewer');
    const project = await accounts.projects.require(projectId);
    const keys = await accounts.projects.keys(projectId);
    if (access.roles.get(projectId) !== 'admin') return { project, keys: keys.filter((k) => k.revokedAt === undefined) };
    const users = new Map((await accounts.users.list()).map((u) => [u.id, u]));
    const members = (await accounts.projects.members(projectId)).map((m) => ({ ...m, email: users.get(m.userId)?.email ?? '' }));
    return { project, keys, members };
  });

  app.patch('/api/projects/:project', body({
    name: str(200),
    allowedOrigins: { type: 'array', maxItems: 100, items: str(300) },
    retentionDays: { type: ['integer', 'null'] },
  }), async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'admin');
    const project = await accounts.projects.update(projectId, req.body as Parameters<Accounts['projects']['update']>[1]);
    await audit(access, 'project.update', projectId, projectId, JSON.stringify(req.body).slice(0, 1000));
    return { project };
  });

  app.post('/api/projects/:project/keys', async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'admin');
    const key = await accounts.projects.addKey(projectId);
    await audit(access, 'key.add', projectId, key.key);
    return { key };
  });

  app.post('/api/projects/:project/keys/:key/revoke', async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'admin');
    const key = await accounts.projects.revokeKey(projectId, param(req, 'key'));
    await audit(access, 'key.revoke', projectId, key.key);
    return { key };
  });

  app.put('/api/projects/:project/members', body({ email: str(256), role: { enum: ['viewer', 'admin'] } }, ['email', 'role']), async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'admin');
    const { email, role } = req.body as { email: string; role: ProjectRole };
    const user = await accounts.users.findByEmail(email);
    if (!user) throw new GoSightError('USER_NOT_FOUND', `no user ${email.slice(0, 100)}: a server admin adds users (gosight users add)`);
    const member = await accounts.projects.setMember(projectId, user.id, role);
    await audit(access, 'member.set', projectId, user.email, role);
    return { member: { ...member, email: user.email } };
  });

  app.delete('/api/projects/:project/members/:user', async (req) => {
    const projectId = param(req, 'project');
    const access = requireRole(req, projectId, 'admin');
    const user = await accounts.users.get(param(req, 'user'));
    if (!user) throw new GoSightError('USER_NOT_FOUND');
    await accounts.projects.removeMember(projectId, user.id);
    await audit(access, 'member.remove', projectId, user.email);
    return { removed: true };
  });

  app.get('/api/tokens', async (req) => {
    const access = requireAccess(req);
    const userId = access.principal.kind === 'user' ? access.principal.user.id : undefined;
    return { tokens: (await accounts.tokens.list(access.serverAdmin ? undefined : userId ?? '-')).map(tokenView) };
  });

  app.post('/api/tokens', body({ name: str(200), projectIds: { type: 'array', minItems: 1, maxItems: 100, items: str(63) } }, ['name', 'projectIds']), async (req) => {
    const access = requireAccess(req);
    if (access.principal.kind !== 'user' || access.principal.token) throw new GoSightError('FORBIDDEN', 'log in as a user to create an API token');
    const { name, projectIds } = req.body as { name: string; projectIds: string[] };
    for (const id of projectIds) requireRole(req, id, 'viewer');
    const { token, record } = await accounts.tokens.create(access.principal.user, name, projectIds);
    await audit(access, 'token.create', '', record.id, `${record.name} for ${projectIds.join(',')}`);
    return { token, record: tokenView(record) };
  });

  app.delete('/api/tokens/:id', async (req) => {
    const access = requireAccess(req);
    const record = (await accounts.tokens.list()).find((t) => t.id === param(req, 'id'));
    const own = record && access.principal.kind === 'user' && record.userId === access.principal.user.id;
    if (!record || (!own && !access.serverAdmin)) throw new GoSightError('TOKEN_NOT_FOUND');
    await accounts.revokeToken(record.id);
    await audit(access, 'token.revoke', '', record.id, record.name);
    return { revoked: true };
  });

  app.get('/api/users', async (req) => {
    requireServerAdmin(req);
    return { users: (await accounts.users.list()).map(userView) };
  });

  app.post('/api/users', body({ email: str(256), name: str(200), password: str(256), serverAdmin: { type: 'boolean' } }, ['email', 'password']), async (req) => {
    const access = requireServerAdmin(req);
    const user = await accounts.users.add(req.body as Parameters<Accounts['users']['add']>[0]);
    await audit(access, 'user.add', '', user.email, user.serverAdmin ? 'server admin' : '');
    return { user: userView(user) };
  });

  app.delete('/api/users/:id', async (req) => {
    const access = requireServerAdmin(req);
    const user = await accounts.users.get(param(req, 'id'));
    if (!user) throw new GoSightError('USER_NOT_FOUND');
    await accounts.users.remove(user);
    await audit(access, 'user.remove', '', user.email);
    return { removed: true };
  });

  app.get('/api/audit', async (req) => {
    const access = requireAccess(req);
    const q = req.query as { project?: string; limit?: string; offset?: string };
    if (q.project) requireRole(req, q.project, 'admin');
    else if (!access.serverAdmin) throw new GoSightError('FORBIDDEN', 'the whole audit log needs a server admin; ask for ?project=<id>');
    const limit = Math.min(500, Math.max(1, Number(q.limit) || 100));
    const offset = Math.max(0, Number(q.offset) || 0);
    return accounts.store.listAudit({ projectId: q.project, limit, offset });
  });
}
