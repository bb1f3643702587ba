/**
 * How long replays stay in the hot store (the ClickHouse TTL of replay_chunks and
 * replay_sessions). The ingest refuses events older than this: they would be deleted before
 * anyone could watch them. Archived sessions outlive it in cold storage.
 */
export const HOT_RETENTION_DAYS = 90;

export const HOT_RETENTION_MS = HOT_RETENTION_DAYS * 24 * 3_600_000;
