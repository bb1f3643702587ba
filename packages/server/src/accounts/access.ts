import type { MemberRecord, ProjectRecord, ProjectRole, TokenRecord, UserRecord } from './account-records.js';

/** Who a request acts as. */
export type Principal =
  /** A logged-in user, or a script with one of their API tokens (narrowed to its projects). */
  | { kind: 'user'; user: UserRecord; token?: TokenRecord }
  /** Anyone reaching a loopback-only server that has no account yet: this machine's operator. */
  | { kind: 'open' };

export interface Access {
  principal: Principal;
  /** How the audit log names this actor. */
  actor: string;
  /** May manage users and create or remove projects. */
  serverAdmin: boolean;
  /** The principal's role in each project it may see. */
  roles: ReadonlyMap<string, ProjectRole>;
}

/** What a principal may see and change, from the projects and their members. */
export function accessFor(principal: Principal, projects: readonly ProjectRecord[], members: readonly MemberRecord[]): Access {
  if (principal.kind === 'open') {
    return { principal, actor: 'local', serverAdmin: true, roles: new Map(projects.map((p) => [p.id, 'admin'])) };
  }
  const { user, token } = principal;
  const roles = new Map<string, ProjectRole>();
  if (user.serverAdmin) for (const p of projects) roles.set(p.id, 'admin');
  else for (const m of members) if (m.userId === user.id && projects.some((p) => p.id === m.projectId)) roles.set(m.projectId, m.role);
  const serverWideToken = token?.serverWide === true && user.serverAdmin;
  if (token && !serverWideToken) for (const id of [...roles.keys()]) if (!token.projectIds.includes(id)) roles.delete(id);
  return {
    principal,
    actor: token ? `token:${token.id} (${user.email})` : `user:${user.email}`,
    // A token is for a script on some projects; server-wide work needs a person logged in, or a server-wide token.
    serverAdmin: user.serverAdmin && (!token || serverWideToken),
    roles,
  };
}
