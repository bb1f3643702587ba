export type {
  ChunkStore, ChunkWriter, SessionReader, ArchiveStore, ErasureStore, ChunkState, ChunkSegment, StoredChunk, SessionRecord, ListSessionsQuery,
  ErasedSession,
} from './chunk-store.js';
export type { DeadLetter, DeadLetterQuery, DeadLetterStore } from './dead-letter-store.js';
export { toDeadLetterInfo } from './dead-letter-store.js';
export { ClickHouseChunkStore } from './clickhouse/clickhouse-chunk-store.js';
export { ClickHouseDeadLetterStore } from './clickhouse/clickhouse-dead-letter-store.js';
export { MemoryDeadLetterStore } from './memory/memory-dead-letter-store.js';
export { createClickHouseClient, describeTarget, type ClickHouseTarget } from './clickhouse/create-client.js';
export { MemoryChunkStore } from './memory/memory-chunk-store.js';
export type { ChunkIndexChange, IndexedEvent, IndexedKind } from './event-index.js';
export { NO_INDEX_CHANGE } from './event-index.js';
export type { IndexedMoment } from './search/moment-conditions.js';
