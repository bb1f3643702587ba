import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseDb } from '../store/clickhouse/clickhouse-db.js';
import { VersionClock } from '../processor/version-clock.js';
import type { AuditEntry, RecordKind, RecordKinds } from './account-records.js';
import type { AccountStore, AuditQuery } from './account-store.js';

type Num = number | string;
interface AuditRow { at: Num; actor: string; action: string; project_id: string; target: string; detail: string }

/**
 * `AccountStore` in the `accounts` and `audit_log` tables (migration 6) of the chunks'
 * ClickHouse. Records are JSON in a ReplacingMergeTree keyed by (kind, id): a put writes
 * a higher version, a removal a tombstone, and reads take the newest row with FINAL.
 */
export class ClickHouseAccountStore implements AccountStore {
  private readonly q: ClickHouseDb;
  private readonly versions = new VersionClock();

  /** The schema comes with `ClickHouseChunkStore.migrate()`; share its client. */
  constructor(client: ClickHouseClient, private readonly db: string) {
    this.q = new ClickHouseDb(client, db);
  }

  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordKinds[K] | undefined> {
    const [row] = await this.q.rows<{ body: string }>(
      `SELECT body FROM ${this.db}.accounts FINAL WHERE kind = {kind:String} AND id = {id:String} AND deleted = 0`, { kind, id });
    return row ? (JSON.parse(row.body) as RecordKinds[K]) : undefined;
  }

  async list<K extends RecordKind>(kind: K): Promise<RecordKinds[K][]> {
    const rows = await this.q.rows<{ body: string }>(
      `SELECT body FROM ${this.db}.accounts FINAL WHERE kind = {kind:String} AND deleted = 0 ORDER BY id`, { kind });
    return rows.map((r) => JSON.parse(r.body) as RecordKinds[K]);
  }

  async put<K extends RecordKind>(kind: K, id: string, record: RecordKinds[K]): Promise<void> {
    await this.write(kind, id, JSON.stringify(record), 0);
  }

  async remove(kind: RecordKind, id: string): Promise<void> {
    await this.write(kind, id, '{}', 1);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.q.insert('audit_log', [{
      at: entry.at, actor: entry.actor, action: entry.action, project_id: entry.projectId, target: entry.target, detail: entry.detail,
    }]);
  }

  async listAudit(query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
    const where = query.projectId === undefined ? '1' : 'project_id = {projectId:String}';
    const params = { ...query, projectId: query.projectId ?? '' };
    const rows = await this.q.rows<AuditRow>(
      `SELECT toUnixTimestamp64Milli(at) AS at, actor, action, project_id, target, detail FROM ${this.db}.audit_log
       WHERE ${where} ORDER BY audit_log.at DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, params);
    const [count] = await this.q.rows<{ total: Num }>(`SELECT count() AS total FROM ${this.db}.audit_log WHERE ${where}`, params);
    return {
      entries: rows.map((r) => ({ at: Number(r.at), actor: r.actor, action: r.action, projectId: r.project_id, target: r.target, detail: r.detail })),
      total: Number(count?.total ?? 0),
    };
  }

  private async write(kind: RecordKind, id: string, body: string, deleted: 0 | 1): Promise<void> {
    await this.q.insert('accounts', [{ kind, id, body, deleted, version: this.versions.next(0) }]);
  }
}
