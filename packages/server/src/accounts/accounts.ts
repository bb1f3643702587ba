import type { AuditEntry, IngestKeyRecord, ProjectRecord } from './account-records.js';
import type { AccountStore } from './account-store.js';
import { accessFor, type Access, type Principal } from './access.js';
import { CredentialCache } from './credential-cache.js';
import { Directory } from './directory.js';
import { Logins } from './logins.js';
import { Projects } from './projects.js';
import { Tokens } from './tokens.js';
import { Users } from './users.js';
import type { KeyGrant, ProjectResolver } from '../ingest/project-keys.js';

/** How long a change made by another process may take to be seen here (keys, members, revocations). */
export const ACCOUNTS_CACHE_MS = 3_000;


/**
 * Accounts, projects and access over one `AccountStore`: the parts (users, projects, tokens,
 * logins) own their records; this joins them for the checks every request makes.
 */
export class Accounts implements ProjectResolver {
  readonly users: Users;
  readonly projects: Projects;
  readonly tokens: Tokens;
  readonly logins: Logins;
  private readonly directory: Directory;
  /** Who each recently seen cookie or token is: a dashboard loads a replay in a dozen requests. */
  private readonly credentials: CredentialCache<Principal>;

  constructor(readonly store: AccountStore, cacheMs = ACCOUNTS_CACHE_MS) {
    this.credentials = new CredentialCache(cacheMs);
    this.users = new Users(store);
    this.projects = new Projects(store);
    this.tokens = new Tokens(store);
    this.logins = new Logins(store);
    this.directory = new Directory(store, cacheMs);
  }

  /** Call after a change, so this process's next check sees it. */
  changed(): void {
    this.directory.invalidate();
    this.credentials.clear();
  }

  async keyGrant(key: string): Promise<KeyGrant | undefined> {
    const directory = await this.directory.get();
    const record = directory.keys.get(key);
    const project = record && directory.projects.find((p) => p.id === record.projectId);
    return project ? { projectId: project.id, allowedOrigins: project.allowedOrigins } : undefined;
  }

  async hasUsers(): Promise<boolean> {
    return (await this.directory.get()).userCount > 0;
  }

  /** Access of the user behind an API token, or undefined when the token is not live. */
  async accessForToken(token: string): Promise<Access | undefined> {
    const principal = await this.credentials.get(`token:${token}`, async () => {
      const record = await this.tokens.resolve(token);
      const user = record && (await this.users.get(record.userId));
      return user ? { kind: 'user' as const, user, token: record } : undefined;
    });
    return principal ? this.access(principal) : undefined;
  }

  /** Access of the user behind a login cookie, or undefined when the login is not live. */
  async accessForLogin(secret: string): Promise<Access | undefined> {
    const principal = await this.credentials.get(`login:${secret}`, async () => {
      const login = await this.logins.resolve(secret);
      const user = login && (await this.users.get(login.userId));
      return user ? { kind: 'user' as const, user } : undefined;
    });
    return principal ? this.access(principal) : undefined;
  }

  /** Ends a login now (on this process at once; on others within the cache time). */
  async logout(secret: string): Promise<void> {
    this.credentials.forget(`login:${secret}`);
    await this.logins.revoke(secret);
  }

  /** Revokes a token now (on this process at once; on others within the cache time). */
  async revokeToken(id: string): Promise<void> {
    this.credentials.forgetWhere((key) => key.startsWith(`token:gst_${id}_`));
    await this.tokens.revoke(id);
  }

  openAccess(): Promise<Access> {
    return this.access({ kind: 'open' });
  }

  async audit(entry: Omit<AuditEntry, 'at'>, at = Date.now()): Promise<void> {
    await this.store.appendAudit({ at, ...entry });
  }

  /**
   * Makes sure the project exists and takes `key` (the default project at start-up, with the
   * key from settings or the project file); returns its newest live key.
   */
  async ensureProject(id: string, key: string, keyFromSetting: boolean): Promise<{ project: ProjectRecord; key: IngestKeyRecord }> {
    const project = await this.projects.get(id);
    if (!project) {
      const created = await this.projects.create(id, id === 'default' ? 'Default project' : id, key);
      this.changed();
      return created;
    }
    const live = (await this.projects.keys(id)).filter((k) => k.revokedAt === undefined);
    const known = live.find((k) => k.key === key);
    if (known) return { project, key: known };
    // A key given in the settings is meant to work (addKey revives it if it was revoked);
    // one from the project file may have been rotated out: the newest live key stands.
    if (keyFromSetting || live.length === 0) {
      const added = await this.projects.addKey(id, keyFromSetting ? key : undefined);
      this.changed();
      return { project, key: added };
    }
    return { project, key: live[live.length - 1] };
  }

  private async access(principal: Principal): Promise<Access> {
    const { projects, members } = await this.directory.get();
    return accessFor(principal, projects, members);
  }
}
