import type { ClickHouseClient } from '@clickhouse/client';
import { UUID_PATTERN, type DeadLetterInfo, type DeadLetterStage } from '@gosight/shared';
import type { DeadLetter, DeadLetterQuery, DeadLetterStore } from '../dead-letter-store.js';
import { ClickHouseDb } from './clickhouse-db.js';

const INFO_SELECT = `toString(id) AS letter_id, project_id, session_id, seq, stage, reason,
  toUnixTimestamp64Milli(failed_at) AS failed, bytes`;

type Num = number | string;
interface InfoRow { letter_id: string; project_id: string; session_id: string; seq: Num; stage: string; reason: string; failed: Num; bytes: Num }

const toInfo = (r: InfoRow): DeadLetterInfo => ({
  id: r.letter_id, projectId: r.project_id, sessionId: r.session_id, seq: Number(r.seq), stage: r.stage as DeadLetterStage,
  reason: r.reason, failedAt: Number(r.failed), bytes: Number(r.bytes),
});

/**
 * `DeadLetterStore` in the `dead_letters` table (migration 5) of the same ClickHouse as the
 * chunks, so every process of a scale-out deployment sees them. The kept message goes in
 * through base64 and comes out with RawBLOB, byte for byte, like chunk data.
 */
export class ClickHouseDeadLetterStore implements DeadLetterStore {
  private readonly q: ClickHouseDb;

  /** The schema comes with `ClickHouseChunkStore.migrate()`; share its client. */
  constructor(client: ClickHouseClient, private readonly db: string) {
    this.q = new ClickHouseDb(client, db);
  }

  async add(letters: DeadLetter[]): Promise<void> {
    await this.q.insert('dead_letters', letters.map((l) => ({
      id: l.id, project_id: l.projectId, session_id: l.sessionId, seq: l.seq, stage: l.stage, reason: l.reason,
      failed_at: l.failedAt, message_b64: l.message.toString('base64'), bytes: l.message.length,
    })), ['id', 'project_id', 'session_id', 'seq', 'stage', 'reason', 'failed_at', 'message_b64', 'bytes']);
  }

  async list(query: DeadLetterQuery): Promise<{ letters: DeadLetterInfo[]; total: number }> {
    const where = query.sessionId === undefined ? '1' : 'session_id = {sessionId:String}';
    const params = { ...query, sessionId: query.sessionId ?? '' };
    const rows = await this.q.rows<InfoRow>(
      `SELECT ${INFO_SELECT} FROM ${this.db}.dead_letters WHERE ${where}
       ORDER BY failed_at, id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, params);
    const [count] = await this.q.rows<{ total: Num }>(`SELECT count() AS total FROM ${this.db}.dead_letters WHERE ${where}`, params);
    return { letters: rows.map(toInfo), total: Number(count?.total ?? 0) };
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const [row] = await this.q.rows<InfoRow>(`SELECT ${INFO_SELECT} FROM ${this.db}.dead_letters WHERE id = {id:UUID}`, { id });
    if (!row) return undefined;
    const message = await this.q.bytes(`SELECT message FROM ${this.db}.dead_letters WHERE id = {id:UUID} FORMAT RawBLOB`, { id });
    const { bytes: _bytes, ...info } = toInfo(row);
    return { ...info, message };
  }

  async remove(ids: string[]): Promise<void> {
    const valid = ids.filter((id) => UUID_PATTERN.test(id));
    if (valid.length === 0) return;
    await this.q.command(`DELETE FROM ${this.db}.dead_letters WHERE id IN {ids:Array(UUID)}`, { ids: valid });
  }
}
