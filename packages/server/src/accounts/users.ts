import { GoSightError } from '../errors/index.js';
import type { UserRecord } from './account-records.js';
import type { AccountStore } from './account-store.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { newId } from './secrets.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

export interface NewUser {
  email: string;
  name?: string;
  password: string;
  serverAdmin?: boolean;
}

/** A user as shown to people: never the password hash. */
export type UserView = Omit<UserRecord, 'passwordHash'>;
export const userView = ({ passwordHash: _hash, ...view }: UserRecord): UserView => view;

/** The people who log in to the dashboard. */
export class Users {
  constructor(private readonly store: AccountStore) {}

  async add(input: NewUser, now = Date.now()): Promise<UserRecord> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password);
    if (problem) throw new GoSightError('INVALID_REQUEST', problem);
    if (await this.findByEmail(email)) throw new GoSightError('CONFLICT', `a user ${email} exists already`);
    const user: UserRecord = {
      id: newId(), email, name: (input.name ?? '').trim().slice(0, 200) || email.split('@')[0],
      passwordHash: await hashPassword(input.password), serverAdmin: input.serverAdmin ?? false, createdAt: now,
    };
    await this.store.put('user', user.id, user);
    return user;
  }

  list(): Promise<UserRecord[]> {
    return this.store.list('user');
  }

  get(id: string): Promise<UserRecord | undefined> {
    return this.store.get('user', id);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const wanted = email.trim().toLowerCase();
    return (await this.list()).find((u) => u.email === wanted);
  }

  /** The user whose e-mail and password these are, or undefined (in the same time either way). */
  async verify(email: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.findByEmail(email);
    return (await verifyPassword(user?.passwordHash, password)) ? user : undefined;
  }

  async setPassword(user: UserRecord, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new GoSightError('INVALID_REQUEST', problem);
    await this.store.put('user', user.id, { ...user, passwordHash: await hashPassword(password) });
  }

  /** Removes the user with their memberships and tokens; their logins die with the user record. */
  async remove(user: UserRecord): Promise<void> {
    for (const m of (await this.store.list('member')).filter((m) => m.userId === user.id)) {
      await this.store.remove('member', `${m.projectId}/${m.userId}`);
    }
    for (const t of (await this.store.list('token')).filter((t) => t.userId === user.id)) await this.store.remove('token', t.id);
    await this.store.remove('user', user.id);
  }
}

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e)) throw new GoSightError('INVALID_REQUEST', `"${email.slice(0, 100)}" is not an e-mail address`);
  return e;
}
