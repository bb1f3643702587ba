import type { Logger } from 'pino';
import type { ReplayBatch, RrwebEvent } from '@gosight/shared';
import type { QueueMessage, QueueSubscription, ReplayQueue } from '../queue/index.js';
import type { ChunkState, ChunkStore, StoredChunk } from '../store/index.js';
import { decodeEnvelope } from '../pipeline/envelope.js';
import { chunkStats } from './chunk-stats.js';
import { deriveChunkEvents } from './derive-events.js';
import { compressChunk, decompressChunk } from '../pipeline/gzip.js';
import { SessionState, type LiveChunk } from './session-state.js';
import { summarizeSession } from './session-summary.js';
import { CommitTracker } from './commit-tracker.js';
import { VersionClock } from './version-clock.js';

const sessionKey = (s: { projectId: string; sessionId: string }) => `${s.projectId}/${s.sessionId}`;

export interface ProcessorConfig {
  chunkGzipLevel: number;
  processorFlushIntervalMs: number;
  openChunkFlushMs: number;
  sessionIdleMs: number;
  /** Largest decompressed batch or chunk the processor will read. */
  maxDecompressedBytes: number;
}

export interface ProcessorDeps {
  queue: ReplayQueue;
  store: ChunkStore;
  logger: Logger;
  config: ProcessorConfig;
  /** Consumer group name on the replay topic. */
  group?: string;
  now?: () => number;
}

/**
 * Consumes replay batches, places their events into per-session chunks, and writes
 * changed chunks (gzipped) and session summaries to the store. The queue is committed
 * only up to messages whose data is stored, so a crash redelivers the rest; batch
 * sequence numbers make redelivery harmless.
 *
 * When to write is the flush policy (`SessionState.dueChunks`), what goes in a chunk is
 * placement (`placeEvents`), where it goes is the `ChunkStore`.
 */
export class ReplayProcessor {
  private readonly sessions = new Map<string, SessionState>();
  private readonly commits = new CommitTracker();
  private readonly versions = new VersionClock();
  private subscription: QueueSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Serialises message handling and flushing, so a flush sees a consistent state. */
  private lock: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly log: Logger;
  /** Counters for logs and benchmarks. */
  readonly stats = { batches: 0, duplicates: 0, rejected: 0, events: 0, chunksWritten: 0, flushes: 0 };

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.logger.child({ stage: 'processor' });
  }

  async start(): Promise<void> {
    this.subscription = await this.deps.queue.subscribe(this.deps.group ?? 'replay-processor', (m) => this.serial(() => this.handle(m)));
    this.subscription.onPartitionsAssigned?.((partitions) => {
      void this.serial(async () => this.keepPartitions(new Set(partitions)));
    });
    this.timer = setInterval(() => {
      this.flush(false).catch((err: unknown) => this.log.error({ err }, 'flush failed; will retry'));
    }, this.deps.config.processorFlushIntervalMs);
  }

  /** Writes everything pending (open chunks too), commits, and stops consuming. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.subscription?.stop();
    await this.flush(true);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async handle(messages: QueueMessage[]): Promise<void> {
    for (const m of messages) {
      await this.apply(m);
      this.commits.handled(m.partition, m.offset);
    }
  }

  private async apply(m: QueueMessage): Promise<void> {
    let batch: ReplayBatch;
    let header;
    try {
      const decoded = decodeEnvelope(m.value);
      header = decoded.header;
      const json = header.encoding === 'gzip' ? await decompressChunk(decoded.body, this.deps.config.maxDecompressedBytes) : decoded.body;
      batch = JSON.parse(json.toString('utf8')) as ReplayBatch;
    } catch (err) {
      // The ingest validated this message; if it cannot be read now it never will be.
      this.stats.rejected++;
      this.log.error({ err, partition: m.partition, offset: m.offset }, 'dropping unreadable queue message');
      return;
    }
    const session = await this.session(header.projectId, header.sessionId);
    session.partition = m.partition;
    // Until this message is stored, the queue may not be committed past its first record.
    const position = { partition: m.partition, offset: m.firstOffset };
    const events = batch.events as RrwebEvent[];
    const applied = await session.applyBatch(header.seq, events, this.now(), header.userAgent);
    if (applied) {
      this.stats.batches++;
      this.stats.events += events.length;
      this.commits.pending(sessionKey(session), position);
    } else {
      this.stats.duplicates++;
      this.log.debug({ sessionId: header.sessionId, seq: header.seq }, 'duplicate batch dropped');
    }
  }

  private async session(projectId: string, sessionId: string): Promise<SessionState> {
    const key = sessionKey({ projectId, sessionId });
    let s = this.sessions.get(key);
    if (!s) {
      const stored = await this.deps.store.getChunkStates(projectId, sessionId);
      s = new SessionState(projectId, sessionId, stored, (index) => this.loadChunkEvents(projectId, sessionId, index));
      this.sessions.set(key, s);
    }
    return s;
  }

  private async loadChunkEvents(projectId: string, sessionId: string, index: number): Promise<RrwebEvent[]> {
    const gz = await this.deps.store.getChunkData(projectId, sessionId, index);
    if (!gz) throw new Error(`chunk ${index} of session ${sessionId} is listed but has no data`);
    const json = await decompressChunk(gz, this.deps.config.maxDecompressedBytes);
    return JSON.parse(json.toString('utf8')) as RrwebEvent[];
  }

  /** Writes due chunks and summaries, then commits the queue up to what is stored. */
  flush(force: boolean): Promise<void> {
    return this.serial(async () => {
      const now = this.now();
      const due: { session: SessionState; chunk: LiveChunk }[] = [];
      for (const session of this.sessions.values()) {
        for (const chunk of session.dueChunks(now, this.deps.config.openChunkFlushMs, force)) due.push({ session, chunk });
      }
      // Chunks compress in parallel on the thread pool.
      const writes = await Promise.all(due.map(async (d) => ({ ...d, row: await this.buildRow(d.session, d.chunk) })));
      if (writes.length > 0) {
        await this.deps.store.writeChunks(writes.map((w) => w.row));
        const touched = new Set<SessionState>();
        for (const w of writes) {
          const { data: _data, derivedEvents: _events, activity: _activity, ...state } = w.row;
          w.session.markWritten(w.chunk, state satisfies ChunkState);
          touched.add(w.session);
        }
        await this.deps.store.writeSessions([...touched].map((s) => summarizeSession(s.chunkStates(), this.versions.next(0))));
        for (const s of touched) if (!s.hasDirtyChunks()) this.commits.flushed(sessionKey(s));
        this.stats.chunksWritten += writes.length;
        this.stats.flushes++;
      }
      await this.commit();
      this.evictIdle(now);
    });
  }

  private async buildRow(session: SessionState, chunk: LiveChunk): Promise<StoredChunk> {
    // Stable sort: events with equal timestamps keep rrweb's emit order.
    const events = [...chunk.events!].sort((a, b) => a.timestamp - b.timestamp);
    const json = Buffer.from(JSON.stringify(events));
    const data = await compressChunk(json, this.deps.config.chunkGzipLevel);
    const stats = chunkStats(events);
    const derived = deriveChunkEvents(events, {
      chunkIndex: chunk.index,
      previousUrl: session.lastUrlBefore(chunk.index),
      following: session.eventsAfter(chunk.index),
    });
    const count = (kind: string) => derived.events.filter((e) => e.kind === kind).length;
    return {
      projectId: session.projectId,
      sessionId: session.sessionId,
      index: chunk.index,
      timestampStart: stats.timestampStart,
      timestampEnd: stats.timestampEnd,
      data,
      dataSize: json.length,
      compressedSize: data.length,
      eventCount: stats.eventCount,
      hasFullSnapshot: stats.hasFullSnapshot,
      hasErrors: stats.errorCount > 0,
      hasNetwork: stats.hasNetwork,
      batchSeqs: [...chunk.batchSeqs].sort((a, b) => a - b),
      clickCount: stats.clickCount,
      errorCount: stats.errorCount,
      rageClickCount: count('rage_click'),
      deadClickCount: count('dead_click'),
      pageUrls: stats.pageUrls,
      derivedEvents: derived.events,
      activity: derived.activity,
      viewportWidth: stats.viewportWidth,
      viewportHeight: stats.viewportHeight,
      userAgent: session.userAgent,
      userId: stats.userId,
      version: this.versions.next(chunk.stored?.version ?? 0),
    };
  }

  private async commit(): Promise<void> {
    if (!this.subscription) return;
    for (const [partition, nextOffset] of this.commits.due()) {
      await this.subscription.commit(partition, nextOffset);
      this.commits.committed(partition, nextOffset);
    }
  }

  /**
   * After a rebalance: forget sessions of partitions this process lost. Their messages not
   * yet committed go to the new owner, which resumes them from the store.
   */
  private keepPartitions(owned: Set<number>): void {
    for (const [key, s] of this.sessions) {
      if (s.partition !== undefined && !owned.has(s.partition)) {
        this.sessions.delete(key);
        this.commits.flushed(key);
      }
    }
    this.commits.keepPartitions(owned);
    this.log.info({ partitions: [...owned], liveSessions: this.sessions.size }, 'partitions assigned');
  }

  private evictIdle(now: number): void {
    for (const [key, s] of this.sessions) {
      if (!s.hasDirtyChunks() && now - s.lastBatchAt >= this.deps.config.sessionIdleMs) this.sessions.delete(key);
    }
  }

  /** Sessions held in memory (for tests and metrics). */
  get liveSessions(): number {
    return this.sessions.size;
  }
}
