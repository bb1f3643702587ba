import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DeadLetterStage, RrwebEvent } from '@gosight/shared';
import type { QueueBacklog, QueueMessage, QueueSubscription, ReplayQueue } from '../queue/index.js';
import type { ChunkState, ChunkWriter, DeadLetter, DeadLetterStore, StoredChunk } from '../store/index.js';
import { decodeEnvelope } from '../pipeline/envelope.js';
import { decompressChunk } from '../pipeline/gzip.js';
import { buildChunkRow, indexedRowsOf, resumedEncoding } from './build-chunk-row.js';
import { readBatchMessage } from './read-batch-message.js';
import { SessionState, type LiveChunk } from './session-state.js';
import { summarizeSession } from './session-summary.js';
import { CommitTracker } from './commit-tracker.js';
import { VersionClock } from './version-clock.js';
import { ProcessorHealth, type ProcessorStatus } from './processor-health.js';
import { writeIsolated } from './write-isolated.js';
import type { AssetCaptureSink } from '../assets/index.js';
import { ErasedSessions } from './erased-sessions.js';
import { EventTexts } from './event-texts.js';

const sessionKey = (s: { projectId: string; sessionId: string }) => `${s.projectId}/${s.sessionId}`;

/** A session whose write is refused this many flushes in a row, alone, is set aside. */
const MAX_WRITE_STRIKES = 3;

export interface ProcessorConfig {
  chunkGzipLevel: number;
  processorFlushIntervalMs: number;
  openChunkFlushMs: number;
  sessionIdleMs: number;
  /** Largest decompressed batch the processor will read. */
  maxDecompressedBytes: number;
  /** Largest chunk (JSON bytes) a session may grow without a full snapshot to start a new one. */
  maxChunkBytes: number;
}

/** What the processor reports, for metrics; every hook is optional. */
export interface ProcessorObserver {
  flushed?(seconds: number, chunks: number): void;
  deadLettered?(stage: DeadLetterStage, count: number): void;
  storeError?(operation: 'read' | 'write'): void;
  /** A batch read: handed over by this process's ingest, or decoded from the queued bytes. */
  batchRead?(source: 'ingest' | 'queue'): void;
}

export interface ProcessorDeps {
  queue: ReplayQueue;
  store: ChunkWriter;
  /** Where batches that cannot be stored are set aside. */
  deadLetters: DeadLetterStore;
  logger: Logger;
  config: ProcessorConfig;
  /** Consumer group name on the replay topic. */
  group?: string;
  now?: () => number;
  observer?: ProcessorObserver;
  /** Asset capture (`--capture-assets`): offered the events of every batch placed. */
  assets?: AssetCaptureSink;
}

/**
 * Consumes replay batches, places their events into per-session chunks, and writes
 * changed chunks (gzipped) and session summaries to the store. The queue is committed
 * only up to messages whose data is stored (or set aside), so a crash redelivers the
 * rest; batch sequence numbers make redelivery harmless.
 *
 * No batch can stop it. One that cannot be read, or would break what the store holds, is
 * set aside as a dead letter; a session whose data the store refuses is set aside with
 * all its pending batches, and the others carry on. Outages (store or dead-letter store
 * unavailable) are retried with backoff, and the state is in `status()`.
 *
 * When to write is the flush policy (`SessionState.dueChunks`), what goes in a chunk is
 * placement (`placeEvents`), where it goes is the `ChunkWriter`.
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
  private readonly health: ProcessorHealth;
  /** Counters for logs and benchmarks. */
  readonly stats = { batches: 0, duplicates: 0, rejected: 0, erased: 0, events: 0, chunksWritten: 0, flushes: 0 };
  /** Sessions erased on request: their batches are dropped, what is held of them forgotten. */
  private readonly erased: ErasedSessions;
  /** The text events arrived as, until written (so they are not serialised again). */
  private readonly texts = new EventTexts();

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.logger.child({ stage: 'processor' });
    this.health = new ProcessorHealth(this.now);
    this.erased = new ErasedSessions((since) => this.deps.store.erasedSince(since), this.now);
  }

  async start(): Promise<void> {
    // Before the first batch, so batches of sessions erased while we were down are dropped.
    await this.erased.refresh().catch((err: unknown) => this.log.error({ err }, 'erased sessions could not be read; retried at the next flush'));
    this.subscription = await this.deps.queue.subscribe(this.deps.group ?? 'replay-processor', (m) => this.serial(() => this.handle(m)));
    this.subscription.onPartitionsAssigned?.((partitions) => {
      void this.serial(async () => this.keepPartitions(new Set(partitions)));
    });
    // The queue retries by itself; health says so until a batch is handled again.
    this.subscription.onError?.((err) => this.health.failed('consume', err));
    this.timer = setInterval(() => {
      this.flush(false).catch((err: unknown) => this.log.error({ err, retryAt: this.health.status(this.counts()).retryAt }, 'flush failed; will retry'));
    }, this.deps.config.processorFlushIntervalMs);
  }

  /** Writes everything pending (open chunks too), commits, and stops consuming. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.subscription?.stop();
    try {
      await this.flush(true);
    } finally {
      this.health.stopped();
    }
  }

  /** State, last error and counts, for `/api/health`. */
  status(): ProcessorStatus {
    return this.health.status(this.counts());
  }

  /** How far this processor is behind the queue, when the queue knows. */
  backlog(): QueueBacklog | undefined {
    return this.subscription?.backlog?.();
  }

  private counts(): { live: number; unflushed: number } {
    let unflushed = 0;
    for (const s of this.sessions.values()) if (s.hasDirtyChunks()) unflushed++;
    return { live: this.sessions.size, unflushed };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Throws only on an outage: the queue then hands the same messages again after a pause. */
  private async handle(messages: QueueMessage[]): Promise<void> {
    try {
      for (const m of messages) {
        // A redelivery after an outage part-way through: what was handled stays handled.
        if (this.commits.wasHandled(m.partition, m.offset)) continue;
        await this.apply(m);
        this.commits.handled(m.partition, m.offset);
      }
      this.health.succeeded('consume');
    } catch (err) {
      this.health.failed('consume', err);
      throw err;
    }
  }

  private async apply(m: QueueMessage): Promise<void> {
    const read = await readBatchMessage(m, this.deps.config.maxDecompressedBytes);
    if (!read.ok) {
      this.stats.rejected++;
      return this.setAside([m], 'read', read.reason);
    }
    const { header, events, jsonBytes, texts } = read;
    this.deps.observer?.batchRead?.(read.handedOver ? 'ingest' : 'queue');
    if (this.erased.has(header.projectId, header.sessionId)) {
      this.stats.erased++;
      return;
    }
    const session = await this.session(header.projectId, header.sessionId);
    session.partition = m.partition;
    session.lastBatchAt = this.now();
    if (session.has(header.seq)) {
      this.stats.duplicates++;
      this.log.debug({ sessionId: header.sessionId, seq: header.seq }, 'duplicate batch dropped');
      return;
    }
    const refusal = session.refusal(events, jsonBytes, this.deps.config.maxChunkBytes);
    if (refusal) {
      this.stats.rejected++;
      return this.setAside([m], 'apply', refusal);
    }
    const loaded = await this.loadChunks(session, events);
    if (!loaded.ok) return this.setAsideSession(session, [m], 'apply', loaded.reason);
    try {
      session.applyBatch(m, header.seq, events, jsonBytes, this.now(), header.userAgent);
    } catch (err) {
      // Placement is our own code on a valid batch: should it ever fail, the session's
      // memory cannot be trusted, so it goes, with everything it had not stored yet.
      return this.setAsideSession(session, [m], 'apply', `events could not be placed: ${(err as Error).message}`);
    }
    if (texts) this.texts.remember(events, texts);
    this.stats.batches++;
    this.stats.events += events.length;
    this.deps.assets?.offer(header.projectId, header.sessionId, events);
    // Until this message is stored, the queue may not be committed past its first record.
    this.commits.pending(sessionKey(session), { partition: m.partition, offset: m.firstOffset });
  }

  private async session(projectId: string, sessionId: string): Promise<SessionState> {
    const key = sessionKey({ projectId, sessionId });
    let s = this.sessions.get(key);
    if (!s) {
      const stored = await this.storeCall('read', () => this.deps.store.getChunkStates(projectId, sessionId));
      s = new SessionState(projectId, sessionId, stored);
      this.sessions.set(key, s);
    }
    return s;
  }

  /**
   * Loads the stored chunks a batch reaches into. A store outage throws (retry later); a
   * stored chunk that cannot be decoded is a verdict on this session, returned as a reason.
   */
  private async loadChunks(session: SessionState, events: RrwebEvent[]): Promise<{ ok: true } | { ok: false; reason: string }> {
    for (const index of session.chunksToLoad(events)) {
      const gz = await this.storeCall('read', () => this.deps.store.getChunkData(session.projectId, session.sessionId, index));
      try {
        if (!gz) throw new Error('listed but has no data');
        const json = await decompressChunk(gz, this.deps.config.maxChunkBytes + this.deps.config.maxDecompressedBytes);
        const events = JSON.parse(json.toString('utf8')) as RrwebEvent[];
        const chunk = session.setChunkEvents(index, events, resumedEncoding(events, json, session.chunks[index].stored!));
        chunk.indexed = indexedRowsOf(session, chunk);
      } catch (err) {
        return { ok: false, reason: `stored chunk ${index} cannot be read: ${(err as Error).message}` };
      }
    }
    return { ok: true };
  }

  /**
   * A call to the store, counted when it fails. What a read throws is the store's trouble,
   * not the batch's, so the caller lets it propagate and the batch is retried.
   */
  private async storeCall<T>(operation: 'read' | 'write', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      this.deps.observer?.storeError?.(operation);
      throw err;
    }
  }

  /** Writes due chunks and summaries, then commits the queue up to what is stored. */
  flush(force: boolean): Promise<void> {
    return this.serial(async () => {
      if (!force && !this.health.mayFlush()) return;
      const started = process.hrtime.bigint();
      try {
        await this.forgetErased();
        const written = await this.writeDue(force);
        await this.commit();
        this.evictIdle(this.now());
        this.health.succeeded('flush');
        if (written > 0) this.deps.observer?.flushed?.(Number(process.hrtime.bigint() - started) / 1e9, written);
      } catch (err) {
        this.health.failed('flush', err);
        throw err;
      }
    });
  }

  /**
   * Drops what is held of sessions erased since the last flush, unwritten batches included
   * (their queue messages count as handled), and deletes the rows this processor may have
   * written after the eraser deleted them.
   */
  private async forgetErased(): Promise<void> {
    for (const e of await this.erased.refresh()) {
      const key = sessionKey(e);
      if (!this.sessions.has(key)) continue;
      this.sessions.delete(key);
      this.commits.flushed(key);
      await this.storeCall('write', () => this.deps.store.deleteSession(e.projectId, e.sessionId));
      this.log.info({ projectId: e.projectId, sessionId: e.sessionId }, 'erased session dropped from memory');
    }
  }

  /** Writes each due session's dirty chunks together; returns how many chunks went to the store. */
  private async writeDue(force: boolean): Promise<number> {
    const now = this.now();
    const due = [...this.sessions.values()]
      .map((session) => ({ session, chunks: session.dueChunks(now, this.deps.config.openChunkFlushMs, force) }))
      .filter((d) => d.chunks.length > 0);
    // Rows are built (and compressed on the thread pool) in parallel; a session whose rows
    // cannot be built (say, events nested too deep to serialise) is set aside alone. Between
    // sessions the event loop takes its I/O, so a flush of many sessions does not hold the
    // ingest's requests back for all of them.
    const building: Promise<{ session: SessionState; chunks: LiveChunk[]; rows: StoredChunk[] } | undefined>[] = [];
    for (const { session, chunks } of due) {
      building.push(Promise.all(chunks.map((c) => this.buildRow(session, c))).then((rows) => ({ session, chunks, rows }), async (err: unknown) => {
        await this.setAsideSession(session, [], 'store', `chunks could not be built: ${(err as Error).message}`);
        return undefined;
      }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const built = await Promise.all(building);
    const ready = built.filter((b): b is NonNullable<typeof b> => b !== undefined);
    const strikes = {
      maxStrikes: MAX_WRITE_STRIKES,
      add: (s: SessionState) => ++s.writeStrikes,
      clear: (s: SessionState) => { s.writeStrikes = 0; },
    };
    const refused = await this.storeCall('write', () => writeIsolated(
      ready.map((b) => ({ session: b.session, items: b.rows })), (rows) => this.deps.store.writeChunks(rows), strikes));
    let written = 0;
    for (const { session, chunks, rows } of ready) {
      const err = refused.get(session);
      if (err !== undefined) {
        await this.setAsideSession(session, [], 'store', `the store refused the session's chunks: ${(err as Error).message}`);
        continue;
      }
      chunks.forEach((chunk, i) => {
        const { newSegments: _segments, derivedEvents: _events, activity: _activity, indexChange: _indexChange, ...state } = rows[i];
        session.markWritten(chunk, state satisfies ChunkState);
      });
      written += chunks.length;
      this.commits.flushed(sessionKey(session));
    }
    await this.writeSummaries();
    this.stats.chunksWritten += written;
    if (written > 0) this.stats.flushes++;
    return written;
  }

  /**
   * Rewrites the listing rows of sessions whose chunks changed. A row is derived from the
   * stored chunks, so one the store refuses is logged and left for the next change: its
   * data is already safe.
   */
  private async writeSummaries(): Promise<void> {
    const dirty = [...this.sessions.values()].filter((s) => s.summaryDirty && s.chunkStates().length > 0);
    const groups = dirty.map((s) => ({ session: s, items: [summarizeSession(s.chunkStates(), this.versions.next(0))] }));
    const noStrikes = { maxStrikes: 1, add: () => 1, clear: () => undefined };
    const refused = await this.storeCall('write', () => writeIsolated(groups, (rows) => this.deps.store.writeSessions(rows), noStrikes));
    for (const s of dirty) {
      if (refused.has(s)) this.log.error({ err: refused.get(s), sessionId: s.sessionId }, 'the store refused a session summary; it is rebuilt on the next change');
      s.summaryDirty = false;
    }
  }

  private buildRow(session: SessionState, chunk: LiveChunk): Promise<StoredChunk> {
    return buildChunkRow(session, chunk, this.deps.config.chunkGzipLevel, this.versions.next(chunk.stored?.version ?? 0),
      (above) => this.versions.next(above), this.texts);
  }

  /**
   * Sets a session aside: its pending batches (plus `extra`) become dead letters, and its
   * memory goes; its next batch starts again from what the store holds. Throws (retry
   * later) if the dead letters cannot be written.
   */
  private async setAsideSession(session: SessionState, extra: QueueMessage[], stage: DeadLetterStage, reason: string): Promise<void> {
    await this.setAside([...session.pending, ...extra], stage, reason);
    const key = sessionKey(session);
    this.sessions.delete(key);
    this.commits.flushed(key);
  }

  /** Keeps messages as dead letters; the queue may then be committed past them. */
  private async setAside(messages: QueueMessage[], stage: DeadLetterStage, reason: string): Promise<void> {
    if (messages.length === 0) return;
    const failedAt = this.now();
    const letters: DeadLetter[] = messages.map((m) => {
      let header: Partial<{ projectId: unknown; sessionId: unknown; seq: unknown }> = {};
      try {
        header = decodeEnvelope(m.value).header;
      } catch {
        // Unreadable: the queue key still names the session.
      }
      // Whatever the envelope says, the letter itself must always be storable.
      return {
        id: randomUUID(),
        projectId: String(header.projectId ?? '').slice(0, 200),
        sessionId: String(header.sessionId ?? m.key).slice(0, 200),
        seq: Number.isSafeInteger(header.seq) ? (header.seq as number) : -1,
        stage, reason: reason.slice(0, 2_000), failedAt, message: m.value,
      };
    });
    await this.storeCall('write', () => this.deps.deadLetters.add(letters));
    this.health.countDeadLetters(letters.length);
    this.deps.observer?.deadLettered?.(stage, letters.length);
    this.log.error({ stage, reason, deadLetters: letters.map((l) => ({ id: l.id, sessionId: l.sessionId, seq: l.seq })) },
      'batches set aside as dead letters: list them with `gosight dead-letters list`');
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
      if (!s.hasDirtyChunks() && !s.summaryDirty && now - s.lastBatchAt >= this.deps.config.sessionIdleMs) this.sessions.delete(key);
    }
  }

  /** Sessions held in memory (for tests and metrics). */
  get liveSessions(): number {
    return this.sessions.size;
  }
}
