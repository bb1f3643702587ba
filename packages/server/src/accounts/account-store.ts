import type { AuditEntry, RecordKind, RecordKinds } from './account-records.js';

export interface AuditQuery {
  /** Only this project's entries; all when undefined. */
  projectId?: string;
  limit: number;
  offset: number;
}

/**
 * Where accounts, projects, keys, tokens, logins and the audit log live: a small keyed
 * record store, so every process of a deployment sees the same accounts. Embedded: chDB;
 * scale-out: the same ClickHouse server as the chunks. A record put again replaces the old.
 */
export interface AccountStore {
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordKinds[K] | undefined>;
  /** Every record of a kind (these sets are small: users, projects, keys, members, tokens). */
  list<K extends RecordKind>(kind: K): Promise<RecordKinds[K][]>;
  put<K extends RecordKind>(kind: K, id: string, record: RecordKinds[K]): Promise<void>;
  remove(kind: RecordKind, id: string): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }>;
}
