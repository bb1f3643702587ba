import type { ClickHouseClient } from '@clickhouse/client';
import type { DeviceClass, PageMap, PageMapQuery, ReplayManifest, SessionEvent, SessionEventsResponse, SessionListResponse, SessionSummary } from '@gosight/shared';
import type { IndexedKind } from '../event-index.js';
import { explainMatches, explainOnly, momentConditions, type IndexedMoment, type MomentCondition } from '../search/moment-conditions.js';
import { momentSql } from './moment-sql.js';
import { queryPageMap } from './page-map-query.js';
import { INDEX_FINAL } from './index-final.js';
import type { ChunkActivity } from '../../pipeline/activity.js';
import { chunkGzip, manifestOf, sessionEventsOf } from '../replay-assembly.js';
import type { ChunkState, ChunkStore, ErasedSession, ListSessionsQuery, SessionRecord, StoredChunk } from '../chunk-store.js';
import { MIGRATIONS } from './schema.js';
import { ClickHouseDb } from './clickhouse-db.js';
import { sessionListSql } from './session-list-sql.js';
import { readRowBinary } from './row-binary.js';
import type { ArchiveCandidate, ArchiveRecord } from '../archive-record.js';

/** `ChunkStore` on ClickHouse through @clickhouse/client: chDB embedded, or a server over HTTP. */
export class ClickHouseChunkStore implements ChunkStore {
  private readonly q: ClickHouseDb;
  private readonly db: string;

  constructor(client: ClickHouseClient, db: string) {
    this.q = new ClickHouseDb(client, db);
    this.db = db;
  }

  async migrate(): Promise<void> {
    await this.q.command(`CREATE DATABASE IF NOT EXISTS ${this.db}`);
    await this.q.command(`CREATE TABLE IF NOT EXISTS ${this.db}.schema_migrations
      (version UInt32, description String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = ReplacingMergeTree ORDER BY version`);
    const applied = new Set(
      (await this.q.rows<{ version: number }>(`SELECT version FROM ${this.db}.schema_migrations FINAL`)).map((r) => Number(r.version)),
    );
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      for (const statement of m.statements(this.db)) await this.q.command(statement);
      await this.q.insert('schema_migrations', [{ version: m.version, description: m.description }], ['version', 'description']);
    }
  }

  async writeChunks(chunks: StoredChunk[]): Promise<void> {
    // Segments first: a row never lists a segment that is not stored.
    await this.q.insertBytes('replay_segments', SEGMENT_COLUMNS, chunks.flatMap((c) => c.newSegments.map((segment) =>
      [c.projectId, c.sessionId, c.index, segment.id, segment.bytes, new Date(c.timestampStart).toISOString().slice(0, 10)])));
    // The index before the rows: a moment is searchable no later than its chunk is readable.
    await this.q.insert('replay_event_index', chunks.flatMap(indexRows), INDEX_COLUMNS);
    await this.q.insert('replay_chunks', chunks.map((c) => ({
        session_id: c.sessionId,
        project_id: c.projectId,
        chunk_index: c.index,
        timestamp_start: c.timestampStart,
        timestamp_end: c.timestampEnd,
        segment_ids: c.segmentIds,
        data_crc: c.dataCrc,
        data_size: c.dataSize,
        compressed_size: c.compressedSize,
        event_count: c.eventCount,
        has_full_snapshot: c.hasFullSnapshot ? 1 : 0,
        has_errors: c.hasErrors ? 1 : 0,
        has_network: c.hasNetwork ? 1 : 0,
        batch_seqs: c.batchSeqs,
        click_count: c.clickCount,
        error_count: c.errorCount,
        rage_click_count: c.rageClickCount,
        dead_click_count: c.deadClickCount,
        derived_events: JSON.stringify(c.derivedEvents),
        activity: JSON.stringify(c.activity),
        page_urls: c.pageUrls,
        viewport_width: c.viewportWidth,
        viewport_height: c.viewportHeight,
        user_agent: c.userAgent,
        user_id: c.userId,
        version: c.version,
      })), CHUNK_COLUMNS);
  }

  async writeSessions(sessions: SessionRecord[]): Promise<void> {
    await this.q.insert('replay_sessions', sessions.map((s) => ({
        session_id: s.sessionId,
        project_id: s.projectId,
        started_at: s.startedAt,
        ended_at: s.endedAt,
        duration_ms: s.durationMs,
        first_url: s.firstUrl,
        page_count: s.pageCount,
        click_count: s.clickCount,
        error_count: s.errorCount,
        rage_click_count: s.rageClickCount,
        dead_click_count: s.deadClickCount,
        page_urls: s.pageUrls,
        event_count: s.eventCount,
        chunk_count: s.chunkCount,
        user_agent: s.userAgent,
        user_id: s.userId ?? '',
        viewport_width: s.viewportWidth,
        viewport_height: s.viewportHeight,
        browser: s.browser ?? '',
        os: s.os ?? '',
        device_class: s.deviceClass ?? '',
        version: s.version,
      })), SESSION_COLUMNS);
  }

  async listSessions(projectId: string, query: ListSessionsQuery): Promise<SessionListResponse> {
    const list = sessionListSql(projectId, query);
    const conditions = momentConditions(query);
    const clauses = [list.where];
    const params = { ...list.params };
    // The sessions with a matching moment for every condition, in one pass over the index.
    const moments = conditions.filter((c) => !explainOnly(c) && c.filter !== 'visited').map((c, i) => {
      const m = momentSql(c, `m${i}_`);
      Object.assign(params, m.params);
      return `(${m.sql})`;
    });
    if (moments.length > 0) {
      clauses.push(`session_id IN (SELECT session_id FROM ${this.db}.replay_event_index FINAL
        WHERE project_id = {projectId:String} AND (${moments.join(' OR ')})
        GROUP BY session_id HAVING ${moments.map((m) => `countIf(${m}) > 0`).join(' AND ')} ${INDEX_FINAL})`);
    }
    const where = clauses.join(' AND ');
    // The total rides along with the page (one pass over the matches), unless the page is past the end.
    const rows = await this.q.rows<SessionRow & { total: Num }>(`SELECT ${SESSION_SELECT}, count() OVER () AS total
      FROM ${this.db}.replay_sessions FINAL
      WHERE ${where} ORDER BY ${list.orderBy} LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, params);
    const total = rows.length > 0 ? Number(rows[0].total)
      : query.offset === 0 ? 0
        : Number((await this.q.rows<{ total: Num }>(`SELECT count() AS total FROM ${this.db}.replay_sessions FINAL WHERE ${where}`, params))[0]?.total ?? 0);
    const sessions = rows.map(toSummary);
    if (conditions.length > 0 && sessions.length > 0) {
      const found = await this.candidateMoments(projectId, sessions.map((s) => s.sessionId), conditions);
      for (const s of sessions) s.matches = explainMatches(conditions, found.get(s.sessionId) ?? []);
    }
    return { sessions, total, limit: query.limit, offset: query.offset };
  }

  pageMap(projectId: string, query: PageMapQuery): Promise<PageMap> {
    return queryPageMap(this.q, projectId, query);
  }

  async sessionMoments(projectId: string, sessionId: string): Promise<IndexedMoment[]> {
    const rows = await this.q.rows<IndexRow>(
      `SELECT ${INDEX_SELECT} FROM ${this.db}.replay_event_index
       WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}`, { projectId, sessionId });
    return latestMoments(rows).get(sessionId) ?? [];
  }

  /**
   * The moments of these sessions that explain their match, in time order: every moment of
   * the conditions' kinds (a page of sessions holds few), the conditions then tried on each.
   */
  private async candidateMoments(projectId: string, sessionIds: string[], conditions: MomentCondition[]): Promise<Map<string, IndexedMoment[]>> {
    const rows = await this.q.rows<IndexRow>(
      `SELECT ${INDEX_SELECT} FROM ${this.db}.replay_event_index
       WHERE project_id = {projectId:String} AND kind IN {kinds:Array(String)} AND session_id IN {ids:Array(UUID)}`,
      { projectId, ids: sessionIds, kinds: [...new Set(conditions.flatMap((c) => c.kinds))] });
    return latestMoments(rows);
  }

  async getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined> {
    const rows = await this.q.rows<{ ts_start: Num; ts_end: Num; derived_events: string; activity: string }>(
      `SELECT toUnixTimestamp64Milli(timestamp_start) AS ts_start, toUnixTimestamp64Milli(timestamp_end) AS ts_end,
              derived_events, activity
       FROM ${this.db}.replay_chunks
       WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}
       ORDER BY chunk_index, version DESC LIMIT 1 BY chunk_index`, { projectId, sessionId });
    return sessionEventsOf(sessionId, rows.map((r) => ({
      timestampStart: Number(r.ts_start), timestampEnd: Number(r.ts_end),
      derivedEvents: JSON.parse(r.derived_events) as SessionEvent[], activity: JSON.parse(r.activity) as ChunkActivity,
    })));
  }

  async getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined> {
    return manifestOf(projectId, sessionId, await this.getChunkStates(projectId, sessionId));
  }

  async getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined> {
    const where = 'project_id = {projectId:String} AND session_id = {sessionId:UUID} AND chunk_index = {index:UInt16}';
    const params = { projectId, sessionId, index };
    const [row] = await this.q.rows<{ segment_ids: Num[]; data_crc: Num; data_size: Num }>(
      `SELECT segment_ids, data_crc, data_size FROM ${this.db}.replay_chunks WHERE ${where} ORDER BY version DESC LIMIT 1`, params);
    if (!row) return undefined;
    const ids = row.segment_ids.map(Number);
    if (ids.length === 0) {
      // Written before segments existed: the row holds the whole gzip.
      return this.q.bytes(`SELECT data FROM ${this.db}.replay_chunks WHERE ${where} ORDER BY version DESC LIMIT 1 FORMAT RawBLOB`, params);
    }
    // A segment may be stored twice (a retried write): one copy of each.
    const found = new Map(readRowBinary(await this.q.bytes(
      `SELECT segment_id, data FROM ${this.db}.replay_segments WHERE ${where} AND has({ids:Array(UInt64)}, segment_id)
       ORDER BY segment_id LIMIT 1 BY segment_id FORMAT RowBinary`, { ...params, ids }), ['UInt64', 'String'])
      .map(([id, data]) => [Number(id), data as Buffer]));
    return chunkGzip({ dataCrc: Number(row.data_crc), dataSize: Number(row.data_size) }, ids.map((id) => {
      const bytes = found.get(id);
      if (!bytes) throw new Error(`chunk ${index} of session ${sessionId} lists segment ${id}, which is not stored`);
      return bytes;
    }));
  }

  async getChunkStates(projectId: string, sessionId: string): Promise<ChunkState[]> {
    const rows = await this.q.rows<ChunkRow>(
      `SELECT ${CHUNK_STATE_SELECT} FROM ${this.db}.replay_chunks
       WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}
       ORDER BY chunk_index, version DESC LIMIT 1 BY chunk_index`, { projectId, sessionId });
    return rows.map(toChunkState);
  }

  async listArchiveCandidates(cutoff: number, limit: number): Promise<ArchiveCandidate[]> {
    const rows = await this.q.rows<{ project_id: string; sid: string; ended: Num }>(
      `SELECT project_id, toString(session_id) AS sid, toUnixTimestamp64Milli(max(timestamp_end)) AS ended
       FROM ${this.db}.replay_chunks
       GROUP BY project_id, session_id
       HAVING max(timestamp_end) < fromUnixTimestamp64Milli({cutoff:Int64})
       ORDER BY ended, sid
       LIMIT {limit:UInt32}`, { cutoff, limit });
    return rows.map((r) => ({ projectId: r.project_id, sessionId: r.sid, endedAt: Number(r.ended) }));
  }

  async getArchive(projectId: string, sessionId: string): Promise<ArchiveRecord | undefined> {
    const [r] = await this.q.rows<{
      object_key: string; object_bytes: Num; sha256: string; chunk_offsets: Num[]; manifest: string; events: string; archived: Num;
    }>(
      `SELECT object_key, object_bytes, sha256, chunk_offsets, manifest, events, toUnixTimestamp64Milli(archived_at) AS archived
       FROM ${this.db}.replay_archives
       WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}
       ORDER BY version DESC LIMIT 1`, { projectId, sessionId });
    if (!r) return undefined;
    return {
      projectId, sessionId, objectKey: r.object_key, objectBytes: Number(r.object_bytes), sha256: r.sha256,
      chunkOffsets: r.chunk_offsets.map(Number), manifest: JSON.parse(r.manifest), events: JSON.parse(r.events), archivedAt: Number(r.archived),
    };
  }

  async writeArchive(a: ArchiveRecord): Promise<void> {
    await this.q.insert('replay_archives', [{
        session_id: a.sessionId, project_id: a.projectId, object_key: a.objectKey, object_bytes: a.objectBytes, sha256: a.sha256,
        chunk_offsets: a.chunkOffsets, manifest: JSON.stringify(a.manifest), events: JSON.stringify(a.events),
        archived_at: a.archivedAt, version: a.archivedAt,
      }]);
    // The summary row is copied with the flag set and a higher version, so it replaces the old one.
    await this.q.command(
      `INSERT INTO ${this.db}.replay_sessions (${SESSION_COLUMNS.join(', ')}, archived)
       SELECT ${SESSION_COLUMNS.filter((c) => c !== 'version').join(', ')}, version + 1, 1
       FROM ${this.db}.replay_sessions FINAL
       WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID} AND archived = 0`,
      { projectId: a.projectId, sessionId: a.sessionId });
  }

  async deleteChunks(projectId: string, sessionId: string): Promise<void> {
    for (const table of ['replay_chunks', 'replay_segments']) {
      await this.q.command(`DELETE FROM ${this.db}.${table} WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}`,
        { projectId, sessionId });
    }
  }

  async markErased(session: ErasedSession): Promise<void> {
    await this.q.insert('erased_sessions', [{ project_id: session.projectId, session_id: session.sessionId, erased_at: session.erasedAt }]);
  }

  async erasedSince(since: number): Promise<ErasedSession[]> {
    const rows = await this.q.rows<{ project_id: string; session_id: string; erased: Num }>(
      `SELECT project_id, toString(session_id) AS session_id, toUnixTimestamp64Milli(erased_at) AS erased
       FROM ${this.db}.erased_sessions WHERE erased_at >= fromUnixTimestamp64Milli({since:Int64}) ORDER BY erased_at`, { since });
    return rows.map((r) => ({ projectId: r.project_id, sessionId: r.session_id, erasedAt: Number(r.erased) }));
  }

  async deleteSession(projectId: string, sessionId: string): Promise<void> {
    for (const table of ['replay_chunks', 'replay_segments', 'replay_event_index', 'replay_sessions', 'replay_archives']) {
      await this.q.command(`DELETE FROM ${this.db}.${table} WHERE project_id = {projectId:String} AND session_id = {sessionId:UUID}`,
        { projectId, sessionId });
    }
  }

  async sessionsEndedBefore(projectId: string, cutoff: number, limit: number): Promise<string[]> {
    const rows = await this.q.rows<{ id: string }>(
      `SELECT toString(session_id) AS id FROM ${this.db}.replay_sessions FINAL
       WHERE project_id = {projectId:String} AND ended_at < fromUnixTimestamp64Milli({cutoff:Int64})
       ORDER BY ended_at LIMIT {limit:UInt32}`, { projectId, cutoff, limit });
    return rows.map((r) => r.id);
  }

  async sessionsOfUser(projectId: string, userId: string): Promise<string[]> {
    const rows = await this.q.rows<{ id: string }>(
      `SELECT DISTINCT toString(session_id) AS id FROM (
         SELECT session_id FROM ${this.db}.replay_sessions WHERE project_id = {projectId:String} AND user_id = {userId:String}
         UNION ALL
         SELECT session_id FROM ${this.db}.replay_chunks WHERE project_id = {projectId:String} AND user_id = {userId:String}
       ) ORDER BY id`, { projectId, userId });
    return rows.map((r) => r.id);
  }

  async close(): Promise<void> {
    await this.q.close();
  }
}

const SEGMENT_COLUMNS = ['project_id', 'session_id', 'chunk_index', 'segment_id', 'data', 'chunk_date'] as const;

const CHUNK_COLUMNS = [
  'session_id', 'project_id', 'chunk_index', 'timestamp_start', 'timestamp_end', 'segment_ids', 'data_crc', 'data_size',
  'compressed_size', 'event_count', 'has_full_snapshot', 'has_errors', 'has_network', 'batch_seqs', 'click_count',
  'error_count', 'rage_click_count', 'dead_click_count', 'derived_events', 'activity', 'page_urls', 'viewport_width',
  'viewport_height', 'user_agent', 'user_id', 'version',
] as const;

const SESSION_COLUMNS = [
  'session_id', 'project_id', 'started_at', 'ended_at', 'duration_ms', 'first_url', 'page_count', 'click_count',
  'error_count', 'rage_click_count', 'dead_click_count', 'page_urls', 'event_count', 'chunk_count', 'user_agent',
  'user_id', 'viewport_width', 'viewport_height', 'browser', 'os', 'device_class', 'version',
] as const;

const INDEX_COLUMNS = [
  'project_id', 'session_id', 'chunk_index', 'event_key', 'kind', 'ts', 'url', 'label', 'text', 'el_tag', 'el_id', 'el_classes',
  'el_label', 'el_selector', 'x', 'y', 'viewport_width', 'viewport_height', 'depth', 'level', 'method', 'status', 'request_url',
  'props', 'version', 'is_deleted',
] as const;


/**
 * A chunk's index change as rows: upserts, and removals as rows marked deleted. Each row is
 * one object literal with every column named: spreading shared fields into a literal this
 * wide measured about 100 times slower in V8 (45 µs a row), on a path that writes every
 * moment a chunk gains.
 */
function indexRows(c: StoredChunk): Record<string, unknown>[] {
  const upserts = c.indexChange.upserts.map((e) => ({
    project_id: c.projectId, session_id: c.sessionId, chunk_index: c.index, version: c.version,
    event_key: e.key, kind: e.kind, ts: e.timestamp, url: e.url, label: e.label, text: e.text, el_tag: e.tag,
    el_id: e.elementId, el_classes: e.classes, el_label: e.ariaLabel, el_selector: e.selector, x: clampInt32(e.x), y: clampInt32(e.y),
    viewport_width: clampUInt16(e.viewportWidth), viewport_height: clampUInt16(e.viewportHeight), depth: Number.isFinite(e.depth) ? Math.max(0, Math.min(Math.round(e.depth), 4_294_967_295)) : 0,
    level: e.level, method: e.method, status: clampUInt16(e.status), request_url: e.requestUrl, props: e.props, is_deleted: 0,
  }));
  // A removal names the key; its kind and time come from the key (`kind:timestamp:rank`), as the sort key needs them.
  const removals = c.indexChange.removedKeys.map((k) => {
    const [kind, ts] = k.split(':');
    return { project_id: c.projectId, session_id: c.sessionId, chunk_index: c.index, version: c.version, event_key: k, kind, ts: Number(ts), is_deleted: 1 };
  });
  return [...upserts, ...removals];
}

const clampUInt16 = (n: number): number => (Number.isFinite(n) ? Math.max(0, Math.min(Math.round(n), 65_535)) : 0);
const clampInt32 = (n: number): number => (Number.isFinite(n) ? Math.max(-2_147_483_648, Math.min(Math.round(n), 2_147_483_647)) : 0);

const CHUNK_STATE_SELECT = `toString(session_id) AS sid, project_id, chunk_index,
  toUnixTimestamp64Milli(timestamp_start) AS ts_start, toUnixTimestamp64Milli(timestamp_end) AS ts_end,
  data_size, compressed_size, event_count, has_full_snapshot, has_errors, has_network, batch_seqs,
  click_count, error_count, rage_click_count, dead_click_count, page_urls, viewport_width, viewport_height, user_agent, user_id,
  segment_ids, data_crc, version`;

const SESSION_SELECT = `toString(session_id) AS sid, project_id,
  toUnixTimestamp64Milli(started_at) AS started, toUnixTimestamp64Milli(ended_at) AS ended, duration_ms, first_url,
  page_count, click_count, error_count, rage_click_count, dead_click_count, event_count, chunk_count, user_agent,
  viewport_width, viewport_height, archived, user_id, browser, os, device_class`;

const INDEX_SELECT = `toString(session_id) AS sid, chunk_index, event_key, kind, toUnixTimestamp64Milli(ts) AS t, url, label, text,
  el_tag, el_id, el_classes, el_label, el_selector, x, y, viewport_width, viewport_height, depth, level, method, status, request_url, props,
  version, is_deleted`;

/**
 * Index rows as they stand, by session and in time order: the highest version of each moment,
 * without those marked deleted. What FINAL does, done here on the few rows of a few sessions,
 * where reading them all costs less than merging at read.
 */
function latestMoments(rows: readonly IndexRow[]): Map<string, IndexedMoment[]> {
  const latest = new Map<string, IndexRow>();
  for (const r of rows) {
    const id = `${r.sid}/${r.chunk_index}/${r.event_key}`;
    const held = latest.get(id);
    if (!held || Number(r.version) >= Number(held.version)) latest.set(id, r);
  }
  const bySession = new Map<string, IndexedMoment[]>();
  for (const r of latest.values()) {
    if (Number(r.is_deleted) === 1) continue;
    let list = bySession.get(r.sid);
    if (!list) bySession.set(r.sid, (list = []));
    list.push(toMoment(r));
  }
  for (const list of bySession.values()) list.sort((a, b) => a.timestamp - b.timestamp || a.chunkIndex - b.chunkIndex || cmp(a.key, b.key));
  return bySession;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface IndexRow {
  sid: string; chunk_index: Num; event_key: string; kind: string; t: Num; url: string; label: string; text: string;
  el_tag: string; el_id: string; el_classes: string[]; el_label: string; el_selector: string; x: Num; y: Num;
  viewport_width: Num; viewport_height: Num; depth: Num; level: string; method: string; status: Num; request_url: string;
  props: Record<string, string>; version: Num; is_deleted: Num;
}

const toMoment = (r: IndexRow): IndexedMoment => ({
  key: r.event_key, kind: r.kind as IndexedKind, timestamp: Number(r.t), chunkIndex: Number(r.chunk_index), url: r.url, label: r.label,
  text: r.text, tag: r.el_tag, elementId: r.el_id, classes: r.el_classes, ariaLabel: r.el_label, selector: r.el_selector,
  x: Number(r.x), y: Number(r.y), viewportWidth: Number(r.viewport_width), viewportHeight: Number(r.viewport_height),
  depth: Number(r.depth), level: r.level, method: r.method, status: Number(r.status), requestUrl: r.request_url, props: r.props,
});

// 64-bit integers arrive as strings in JSON output; Number() normalises both.
type Num = number | string;

interface ChunkRow {
  sid: string; project_id: string; chunk_index: Num; ts_start: Num; ts_end: Num; data_size: Num;
  compressed_size: Num; event_count: Num; has_full_snapshot: Num; has_errors: Num; has_network: Num;
  batch_seqs: Num[]; click_count: Num; error_count: Num; rage_click_count: Num; dead_click_count: Num;
  page_urls: string[]; viewport_width: Num;
  viewport_height: Num; user_agent: string; user_id: string; segment_ids: Num[]; data_crc: Num; version: Num;
}

interface SessionRow {
  sid: string; project_id: string; started: Num; ended: Num; duration_ms: Num; first_url: string;
  page_count: Num; click_count: Num; error_count: Num; rage_click_count: Num; dead_click_count: Num;
  event_count: Num; chunk_count: Num; user_agent: string; archived: Num; user_id: string;
  viewport_width: Num; viewport_height: Num; browser: string; os: string; device_class: string;
}

const toChunkState = (r: ChunkRow): ChunkState => ({
  projectId: r.project_id,
  sessionId: r.sid,
  index: Number(r.chunk_index),
  timestampStart: Number(r.ts_start),
  timestampEnd: Number(r.ts_end),
  dataSize: Number(r.data_size),
  compressedSize: Number(r.compressed_size),
  eventCount: Number(r.event_count),
  hasFullSnapshot: Number(r.has_full_snapshot) === 1,
  hasErrors: Number(r.has_errors) === 1,
  hasNetwork: Number(r.has_network) === 1,
  batchSeqs: r.batch_seqs.map(Number),
  clickCount: Number(r.click_count),
  errorCount: Number(r.error_count),
  rageClickCount: Number(r.rage_click_count),
  deadClickCount: Number(r.dead_click_count),
  pageUrls: r.page_urls,
  viewportWidth: Number(r.viewport_width),
  viewportHeight: Number(r.viewport_height),
  userAgent: r.user_agent,
  userId: r.user_id,
  segmentIds: r.segment_ids.map(Number),
  dataCrc: Number(r.data_crc),
  version: Number(r.version),
});

const toSummary = (r: SessionRow): SessionSummary => ({
  sessionId: r.sid,
  projectId: r.project_id,
  startedAt: Number(r.started),
  endedAt: Number(r.ended),
  durationMs: Number(r.duration_ms),
  firstUrl: r.first_url,
  pageCount: Number(r.page_count),
  clickCount: Number(r.click_count),
  errorCount: Number(r.error_count),
  rageClickCount: Number(r.rage_click_count),
  deadClickCount: Number(r.dead_click_count),
  eventCount: Number(r.event_count),
  chunkCount: Number(r.chunk_count),
  userAgent: r.user_agent,
  viewportWidth: Number(r.viewport_width),
  viewportHeight: Number(r.viewport_height),
  archived: Number(r.archived) === 1,
  userId: r.user_id,
  browser: r.browser,
  os: r.os,
  ...(r.device_class ? { deviceClass: r.device_class as DeviceClass } : {}),
});
