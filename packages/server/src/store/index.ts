export type { ChunkStore, ChunkState, StoredChunk, SessionRecord, ListSessionsQuery } from './chunk-store.js';
export { ClickHouseChunkStore } from './clickhouse/clickhouse-chunk-store.js';
export { createClickHouseClient, describeTarget, type ClickHouseTarget } from './clickhouse/create-client.js';
