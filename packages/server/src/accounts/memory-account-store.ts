import type { AuditEntry, RecordKind, RecordKinds } from './account-records.js';
import type { AccountStore, AuditQuery } from './account-store.js';

/** `AccountStore` in memory: for tests and for stages tested without ClickHouse. */
export class MemoryAccountStore implements AccountStore {
  private readonly records = new Map<RecordKind, Map<string, unknown>>();
  private readonly audit: AuditEntry[] = [];

  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordKinds[K] | undefined> {
    return structuredClone(this.kind(kind).get(id) as RecordKinds[K] | undefined);
  }

  async list<K extends RecordKind>(kind: K): Promise<RecordKinds[K][]> {
    return [...this.kind(kind).values()].map((r) => structuredClone(r as RecordKinds[K]));
  }

  async put<K extends RecordKind>(kind: K, id: string, record: RecordKinds[K]): Promise<void> {
    this.kind(kind).set(id, structuredClone(record));
  }

  async remove(kind: RecordKind, id: string): Promise<void> {
    this.kind(kind).delete(id);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push({ ...entry });
  }

  async listAudit(query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
    const matching = this.audit.filter((e) => query.projectId === undefined || e.projectId === query.projectId)
      .sort((a, b) => b.at - a.at);
    return { entries: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  private kind(kind: RecordKind): Map<string, unknown> {
    let map = this.records.get(kind);
    if (!map) this.records.set(kind, (map = new Map()));
    return map;
  }
}
