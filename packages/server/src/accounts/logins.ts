import type { LoginRecord, UserRecord } from './account-records.js';
import type { AccountStore } from './account-store.js';
import { newSecret, sha256 } from './secrets.js';

/** A dashboard login lasts this long, then the user logs in again. */
export const LOGIN_TTL_MS = 7 * 24 * 3_600_000;

/** Dashboard logins: the cookie holds a random secret, the store its hash. */
export class Logins {
  constructor(private readonly store: AccountStore) {}

  /** A new login for `user`; the returned secret goes in the cookie. */
  async create(user: UserRecord, now = Date.now()): Promise<{ secret: string; record: LoginRecord }> {
    const secret = newSecret();
    const record: LoginRecord = { id: sha256(secret), userId: user.id, createdAt: now, expiresAt: now + LOGIN_TTL_MS };
    await this.store.put('login', record.id, record);
    return { secret, record };
  }

  /** The live login of a cookie's secret, or undefined. */
  async resolve(secret: string, now = Date.now()): Promise<LoginRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
    const record = await this.store.get('login', sha256(secret));
    return record && record.revokedAt === undefined && record.expiresAt > now ? record : undefined;
  }

  async revoke(secret: string): Promise<void> {
    await this.store.remove('login', sha256(secret));
  }
}
