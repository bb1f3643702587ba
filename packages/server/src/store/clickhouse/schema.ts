/**
 * Versioned schema of the GoSight database. Each migration runs once, in order; the
 * applied versions are kept in `schema_migrations`. Statements use IF NOT EXISTS so a
 * migration interrupted half-way can run again.
 *
 * replay_chunks is the spec's §4.2 table, with deliberate differences:
 * - a chunk's bytes are not in its row but in replay_segments (migration 8): one row per
 *   processor write, holding only the events that write added, compressed once and never
 *   rewritten. The chunk row lists its segments (`segment_ids`) and keeps the spec's
 *   columns (sizes, counts, flags, time range) for the whole chunk; `data_crc` and
 *   `data_size` make the gzip trailer when the segments are read back as one member.
 *   Rows written before migration 8 keep their whole gzip in `data`, and are read as before.
 * - ReplacingMergeTree(version) instead of MergeTree: the row is written again at each
 *   write of a growing chunk (it is small: no event bytes); the highest version wins, and
 *   reads pick it with `LIMIT 1 BY` rather than FINAL.
 * - event_count is UInt32: a client may send far more than 65535 events between two
 *   full snapshots.
 * Segment bytes are inserted as TabSeparated (binary-safe with its escapes, no base64);
 * `data_b64` is how legacy rows carried their gzip through JSON.
 */
import { HOT_RETENTION_DAYS } from '../../pipeline/retention.js';

export interface Migration {
  version: number;
  description: string;
  statements: (db: string) => string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'replay_chunks and replay_sessions',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.replay_chunks (
        session_id        UUID,
        project_id        String,
        chunk_index       UInt16,
        timestamp_start   DateTime64(3, 'UTC'),
        timestamp_end     DateTime64(3, 'UTC'),
        data_b64          String EPHEMERAL,
        data              String DEFAULT base64Decode(data_b64),
        data_size         UInt32,
        compressed_size   UInt32,
        event_count       UInt32,
        has_full_snapshot UInt8,
        has_errors        UInt8,
        has_network       UInt8,
        batch_seqs        Array(UInt32),
        click_count       UInt32,
        error_count       UInt32,
        page_urls         Array(String),
        viewport_width    UInt16,
        viewport_height   UInt16,
        user_agent        String,
        version           UInt64,
        chunk_date        Date DEFAULT toDate(timestamp_start)
      )
      ENGINE = ReplacingMergeTree(version)
      PARTITION BY toYYYYMM(chunk_date)
      ORDER BY (project_id, session_id, chunk_index)
      TTL chunk_date + INTERVAL ${HOT_RETENTION_DAYS} DAY`,
      `CREATE TABLE IF NOT EXISTS ${db}.replay_sessions (
        session_id        UUID,
        project_id        String,
        started_at        DateTime64(3, 'UTC'),
        ended_at          DateTime64(3, 'UTC'),
        duration_ms       UInt64,
        first_url         String,
        page_count        UInt32,
        click_count       UInt32,
        error_count       UInt32,
        event_count       UInt32,
        chunk_count       UInt32,
        user_agent        String,
        viewport_width    UInt16,
        viewport_height   UInt16,
        version           UInt64,
        session_date      Date DEFAULT toDate(started_at)
      )
      ENGINE = ReplacingMergeTree(version)
      PARTITION BY toYYYYMM(session_date)
      ORDER BY (project_id, session_id)
      TTL session_date + INTERVAL ${HOT_RETENTION_DAYS} DAY`,
    ],
  },
  {
    version: 2,
    description: 'derived session events, rage and dead clicks, page URLs for search',
    statements: (db) => [
      `ALTER TABLE ${db}.replay_chunks
        ADD COLUMN IF NOT EXISTS rage_click_count UInt32 DEFAULT 0,
        ADD COLUMN IF NOT EXISTS dead_click_count UInt32 DEFAULT 0,
        ADD COLUMN IF NOT EXISTS derived_events String DEFAULT '[]' CODEC(ZSTD(3)),
        ADD COLUMN IF NOT EXISTS activity String DEFAULT '{"gaps":[]}'`,
      `ALTER TABLE ${db}.replay_sessions
        ADD COLUMN IF NOT EXISTS rage_click_count UInt32 DEFAULT 0,
        ADD COLUMN IF NOT EXISTS dead_click_count UInt32 DEFAULT 0,
        ADD COLUMN IF NOT EXISTS page_urls Array(String)`,
    ],
  },
  {
    version: 3,
    description: 'cold storage: archive index, archived flag, archived sessions kept in the list',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.replay_archives (
        session_id     UUID,
        project_id     String,
        object_key     String,
        object_bytes   UInt64,
        sha256         String,
        chunk_offsets  Array(UInt64),
        manifest       String,
        events         String CODEC(ZSTD(3)),
        archived_at    DateTime64(3, 'UTC'),
        version        UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY (project_id, session_id)`,
      `ALTER TABLE ${db}.replay_sessions ADD COLUMN IF NOT EXISTS archived UInt8 DEFAULT 0`,
      // Hot rows expire after the retention; an archived session stays listed (its replay is in cold storage).
      `ALTER TABLE ${db}.replay_sessions MODIFY TTL session_date + INTERVAL ${HOT_RETENTION_DAYS} DAY DELETE WHERE archived = 0`,
    ],
  },
  {
    version: 4,
    description: 'user id from identify()',
    statements: (db) => [
      `ALTER TABLE ${db}.replay_chunks ADD COLUMN IF NOT EXISTS user_id String DEFAULT ''`,
      `ALTER TABLE ${db}.replay_sessions ADD COLUMN IF NOT EXISTS user_id String DEFAULT ''`,
    ],
  },
  {
    version: 5,
    description: 'dead letters: batches the processor could not store, kept with their bytes',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.dead_letters (
        id           UUID,
        project_id   String,
        session_id   String,
        seq          Int64,
        stage        LowCardinality(String),
        reason       String,
        failed_at    DateTime64(3, 'UTC'),
        message_b64  String EPHEMERAL,
        message      String DEFAULT base64Decode(message_b64) CODEC(ZSTD(3)),
        bytes        UInt32
      )
      ENGINE = MergeTree
      ORDER BY (failed_at, id)
      TTL toDateTime(failed_at) + INTERVAL ${HOT_RETENTION_DAYS} DAY`,
    ],
  },
  {
    version: 6,
    description: 'accounts (users, projects, keys, members, tokens, logins) and the audit log',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.accounts (
        kind     LowCardinality(String),
        id       String,
        body     String,
        deleted  UInt8,
        version  UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY (kind, id)`,
      // Kept for good: an audit log that expired would not answer "who deleted this, when".
      `CREATE TABLE IF NOT EXISTS ${db}.audit_log (
        at          DateTime64(3, 'UTC'),
        actor       String,
        action      LowCardinality(String),
        project_id  String,
        target      String,
        detail      String
      )
      ENGINE = MergeTree
      ORDER BY (project_id, at)`,
    ],
  },
  {
    version: 7,
    description: 'erased sessions: tombstones the processor reads, so batches still queued are dropped',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.erased_sessions (
        project_id  String,
        session_id  UUID,
        erased_at   DateTime64(3, 'UTC')
      )
      ENGINE = MergeTree
      ORDER BY (erased_at, project_id, session_id)
      TTL toDateTime(erased_at) + INTERVAL ${HOT_RETENTION_DAYS + 1} DAY`,
    ],
  },
  {
    version: 8,
    description: 'append-only chunk segments: a chunk is the segments its row lists',
    statements: (db) => [
      // Deflate output does not compress further: no codec. Segments expire with their chunk.
      `CREATE TABLE IF NOT EXISTS ${db}.replay_segments (
        project_id    String,
        session_id    UUID,
        chunk_index   UInt16,
        segment_id    UInt64,
        data          String CODEC(NONE),
        chunk_date    Date
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(chunk_date)
      ORDER BY (project_id, session_id, chunk_index, segment_id)
      TTL chunk_date + INTERVAL ${HOT_RETENTION_DAYS} DAY`,
      `ALTER TABLE ${db}.replay_chunks
        ADD COLUMN IF NOT EXISTS segment_ids Array(UInt64),
        ADD COLUMN IF NOT EXISTS data_crc UInt32 DEFAULT 0`,
    ],
  },
  {
    version: 9,
    description: 'search by what happened: an index of the moments of each session; browser, OS and device class',
    statements: (db) => [
      // One row per moment (page view, click, console entry, request, custom event, identify,
      // scroll depth per page, form field), written as its chunk changes: a row replaced by a
      // higher version, or removed by a row with is_deleted = 1 (a moment that left its chunk).
      // - Sorted by kind first: every search reads one kind.
      // - Partitioned by day, and a day's parts merged into one once an hour old: a moment's
      //   versions share its day (its key holds its time), so FINAL works per partition and
      //   costs nothing on merged days, only on today's recent parts.
      // - What searches compare (texts, ids, selectors, URLs) is LowCardinality: sites repeat
      //   the same elements and pages, so a comparison runs once per distinct value.
      `CREATE TABLE IF NOT EXISTS ${db}.replay_event_index (
        project_id       LowCardinality(String),
        session_id       UUID,
        chunk_index      UInt16,
        event_key        String,
        kind             LowCardinality(String),
        ts               DateTime64(3, 'UTC'),
        url              LowCardinality(String),
        label            String,
        text             LowCardinality(String),
        el_tag           LowCardinality(String),
        el_id            LowCardinality(String),
        el_classes       Array(LowCardinality(String)),
        el_label         LowCardinality(String),
        el_selector      LowCardinality(String),
        x                Int32,
        y                Int32,
        viewport_width   UInt16,
        viewport_height  UInt16,
        depth            UInt32,
        level            LowCardinality(String),
        method           LowCardinality(String),
        status           UInt16,
        request_url      LowCardinality(String),
        props            Map(LowCardinality(String), String),
        version          UInt64,
        is_deleted       UInt8,
        event_date       Date DEFAULT toDate(ts)
      )
      ENGINE = ReplacingMergeTree(version, is_deleted)
      PARTITION BY event_date
      ORDER BY (project_id, kind, session_id, chunk_index, event_key)
      TTL event_date + INTERVAL ${HOT_RETENTION_DAYS} DAY
      SETTINGS min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1`,
      `ALTER TABLE ${db}.replay_sessions
        ADD COLUMN IF NOT EXISTS browser LowCardinality(String) DEFAULT '',
        ADD COLUMN IF NOT EXISTS os LowCardinality(String) DEFAULT '',
        ADD COLUMN IF NOT EXISTS device_class LowCardinality(String) DEFAULT ''`,
    ],
  },
];
