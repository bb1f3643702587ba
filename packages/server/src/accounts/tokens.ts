import { GoSightError } from '../errors/index.js';
import type { TokenRecord, UserRecord } from './account-records.js';
import type { AccountStore } from './account-store.js';
import { newId, newSecret, sameHash, sha256 } from './secrets.js';

/** Every token starts so; a leaked one is easy to recognise and to search for. */
const TOKEN_PREFIX = 'gst_';

/** A token as listed: never its secret's hash. */
export type TokenView = Omit<TokenRecord, 'secretHash'>;
export const tokenView = ({ secretHash: _hash, ...view }: TokenRecord): TokenView => view;

/** API tokens for scripts: `gst_<id>_<secret>`, shown once; only the secret's hash is kept. */
export class Tokens {
  constructor(private readonly store: AccountStore) {}

  /** A token on `projectIds`; `serverWide` (server admins only) acts on every project and server-wide work. */
  async create(user: UserRecord, name: string, projectIds: string[], now = Date.now(), serverWide = false): Promise<{ token: string; record: TokenRecord }> {
    if (serverWide && !user.serverAdmin) throw new GoSightError('FORBIDDEN', 'only a server admin can have a server-wide token');
    if (projectIds.length === 0 && !serverWide) throw new GoSightError('INVALID_REQUEST', 'a token needs at least one project');
    const secret = newSecret();
    const record: TokenRecord = {
      id: newId(), userId: user.id, name: name.trim().slice(0, 200) || 'token', secretHash: sha256(secret),
      projectIds: [...new Set(projectIds)], createdAt: now, ...(serverWide ? { serverWide: true } : {}),
    };
    await this.store.put('token', record.id, record);
    return { token: `${TOKEN_PREFIX}${record.id}_${secret}`, record };
  }

  async list(userId?: string): Promise<TokenRecord[]> {
    return (await this.store.list('token')).filter((t) => userId === undefined || t.userId === userId);
  }

  async revoke(id: string, now = Date.now()): Promise<TokenRecord> {
    const record = await this.store.get('token', id);
    if (!record) throw new GoSightError('TOKEN_NOT_FOUND', `no token ${id.slice(0, 40)}`);
    const revoked = { ...record, revokedAt: record.revokedAt ?? now };
    await this.store.put('token', id, revoked);
    return revoked;
  }

  /** The live token this string is, or undefined. */
  async resolve(token: string): Promise<TokenRecord | undefined> {
    const match = /^gst_([A-Za-z0-9]{1,32})_([A-Za-z0-9_-]{20,100})$/.exec(token);
    if (!match) return undefined;
    const record = await this.store.get('token', match[1]);
    if (!record || record.revokedAt !== undefined) return undefined;
    return sameHash(record.secretHash, sha256(match[2])) ? record : undefined;
  }
}
