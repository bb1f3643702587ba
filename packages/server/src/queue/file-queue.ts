import { EventEmitter } from 'node:events';
import { mkdir, rm, type FileHandle } from 'node:fs/promises';
import type { Logger } from 'pino';
import { GoSightError } from '../errors/index.js';
import type { DiskSpace } from '../pipeline/disk-space.js';
import { encodeRecord } from './record-codec.js';
import { OffsetStore } from './offset-store.js';
import { openForAppend, recoverSegments, segmentPath, type Segment } from './segment-files.js';
import { SegmentReader } from './segment-reader.js';
import { DecodedHold } from './decoded-hold.js';
import type { BatchHandler, DecodedMessage, QueueSubscription, ReplayQueue } from './queue.js';

export interface FileQueueOptions {
  /** Directory of this topic's segments and offsets. */
  dir: string;
  segmentBytes: number;
  logger: Logger;
  /** Most messages handed to a handler in one call. */
  maxBatchMessages?: number;
  /** Free space of the queue's filesystem; appends are refused while it is under its reserve. */
  disk?: DiskSpace;
  /** Most bytes of publishers' decodings held for consumers (default 64 MiB). */
  maxDecodedBytes?: number;
}

/** Enough for a few seconds of a busy server's batches; a consumer further behind decodes from disk. */
const DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

interface PendingAppend {
  record: Buffer;
  decoded: DecodedMessage | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * The embedded queue: one partition, kept as an append-only log of segment files.
 * Appends are group-committed: every publish waiting while a write is in flight goes
 * into the next write and shares its fdatasync, so many concurrent acks cost one sync.
 * Consumers only ever see records that are durable.
 */
export class FileQueue implements ReplayQueue {
  private readonly durable = new EventEmitter();
  private readonly offsets: OffsetStore;
  private pending: PendingAppend[] = [];
  /** The write loop in flight, if any; `close` waits for it. */
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly subscriptions = new Set<QueueSubscription>();
  /** Publishers' decodings, handed to consumers with their messages (the ingest and the processor share this process). */
  private readonly decoded: DecodedHold;

  private constructor(
    private readonly opts: FileQueueOptions,
    private readonly segments: Segment[],
    private appendHandle: FileHandle,
  ) {
    this.offsets = new OffsetStore(opts.dir);
    this.decoded = new DecodedHold(opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
    this.durable.setMaxListeners(0);
  }

  static async open(opts: FileQueueOptions): Promise<FileQueue> {
    await mkdir(opts.dir, { recursive: true });
    const segments = await recoverSegments(opts.dir, (path, kept, dropped) =>
      opts.logger.warn({ path, keptBytes: kept, droppedBytes: dropped }, 'queue: cut torn tail left by a crash (never acked)'));
    if (segments.length === 0) segments.push({ baseOffset: 0, path: segmentPath(opts.dir, 0), count: 0, size: 0 });
    const last = segments[segments.length - 1];
    const handle = await openForAppend(opts.dir, last.path);
    const queue = new FileQueue(opts, segments, handle);
    opts.logger.info({ dir: opts.dir, segments: segments.length, endOffset: queue.endOffset() }, 'queue: opened');
    return queue;
  }

  /** Offset the next appended record will get; everything below it is durable. */
  endOffset(): number {
    const last = this.segments[this.segments.length - 1];
    return last.baseOffset + last.count;
  }

  async publish(key: string, value: Buffer, decoded?: DecodedMessage): Promise<void> {
    if (this.closed) throw new GoSightError('QUEUE_UNAVAILABLE', 'queue is closed');
    const record = encodeRecord(key, value);
    const disk = this.opts.disk;
    if (disk && !(await disk.hasRoomFor(record.length))) {
      throw new GoSightError('DISK_FULL', `the queue's disk has ${disk.snapshot().freeBytes} bytes free: not enough for this batch and the ${disk.reserveBytes}-byte reserve kept for the store; retry later`);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ record, decoded, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      // A publish that came in while the loop was finishing found it still set.
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      await this.writeGroup(group);
    }
  }

  /**
   * Writes a group at the durable end of the active segment and syncs it. The write is
   * positional, so whatever a failed write left past the durable end is overwritten by the
   * next one, never appended behind; a short write is a failure like any other. Only once
   * every byte is written and synced do the group's publishers get their ack.
   */
  private async writeGroup(group: PendingAppend[]): Promise<void> {
    const records = group.map((p) => p.record);
    const bytes = records.reduce((n, r) => n + r.length, 0);
    try {
      let active = this.segments[this.segments.length - 1];
      if (active.count > 0 && active.size >= this.opts.segmentBytes) active = await this.roll();
      const { bytesWritten } = await this.appendHandle.writev(records, active.size);
      if (bytesWritten !== bytes) throw Object.assign(new Error(`short write: ${bytesWritten} of ${bytes} bytes`), { code: 'ENOSPC' });
      await this.appendHandle.datasync();
      group.forEach((p, i) => this.decoded.hold(active.baseOffset + active.count + i, p.decoded));
      active.size += bytes;
      active.count += group.length;
      this.opts.disk?.noteWritten(bytes);
    } catch (err) {
      // Cut back to the durable size so a crash now does not leave a tail to examine.
      const active = this.segments[this.segments.length - 1];
      await this.appendHandle.truncate(active.size).catch(() => undefined);
      const full = isDiskFull(err);
      if (full) await this.opts.disk?.noteFull().catch(() => undefined);
      this.opts.logger.error({ err, bytes, full }, full ? 'queue: disk full; append refused' : 'queue: append failed');
      const error = full
        ? new GoSightError('DISK_FULL', 'the queue\'s disk is full; retry later', { cause: err })
        : new GoSightError('QUEUE_UNAVAILABLE', 'queue write failed', { cause: err });
      for (const p of group) p.reject(error);
      return;
    }
    for (const p of group) p.resolve();
    this.durable.emit('durable');
  }

  /** Starts the next segment; the old one stays open until the new one exists. */
  private async roll(): Promise<Segment> {
    const baseOffset = this.endOffset();
    const segment: Segment = { baseOffset, path: segmentPath(this.opts.dir, baseOffset), count: 0, size: 0 };
    const handle = await openForAppend(this.opts.dir, segment.path);
    await this.appendHandle.close().catch(() => undefined);
    this.appendHandle = handle;
    this.segments.push(segment);
    return segment;
  }

  async subscribe(group: string, handler: BatchHandler): Promise<QueueSubscription> {
    let committed = (await this.offsets.read(group)) ?? this.segments[0].baseOffset;
    const errorListeners: ((err: unknown) => void)[] = [];
    const reader = new SegmentReader({
      segments: this.segments,
      startOffset: committed,
      maxBatchMessages: this.opts.maxBatchMessages ?? 500,
      waitForAppend: (signal, timeoutMs) => waitForEvent(this.durable, 'durable', signal, timeoutMs),
      onHandlerError: (err, attempt) => this.opts.logger.error({ err, group, attempt }, 'queue: consumer failed on a batch; redelivering it'),
      onReadError: (err, attempt) => {
        this.opts.logger.error({ err, group, attempt }, 'queue: cannot read the log; retrying');
        for (const l of errorListeners) l(err);
      },
    });
    const abort = new AbortController();
    const loop = reader.run((messages) => handler(this.decoded.take(messages)), abort.signal).catch((err: unknown) => {
      this.opts.logger.error({ err, group }, 'queue: consumer stopped on an error; restart to redeliver');
    });
    const subscription: QueueSubscription = {
      commit: async (partition, nextOffset) => {
        if (partition !== 0) throw new RangeError(`the embedded queue has one partition; got ${partition}`);
        await this.offsets.write(group, nextOffset);
        committed = nextOffset;
        await this.deleteConsumedSegments();
      },
      backlog: () => ({ depth: this.endOffset() - committed, lag: this.endOffset() - reader.nextOffset }),
      onError: (listener) => {
        errorListeners.push(listener);
      },
      stop: async () => {
        abort.abort();
        await loop;
        await reader.close();
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Deletes whole segments that every consumer group has committed past. */
  private async deleteConsumedSegments(): Promise<void> {
    const lowest = await this.offsets.lowestCommitted();
    if (lowest === undefined) return;
    this.decoded.release(lowest);
    while (this.segments.length > 1) {
      const first = this.segments[0];
      if (first.baseOffset + first.count > lowest) break;
      this.segments.shift();
      await rm(first.path, { force: true });
      this.opts.logger.debug({ path: first.path }, 'queue: deleted consumed segment');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.subscriptions]) await s.stop();
    while (this.draining) await this.draining;
    await this.appendHandle.close();
  }
}

const isDiskFull = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};

/** Resolves on the event, on abort or after `timeoutMs`, whichever is first, and cleans up. */
function waitForEvent(emitter: EventEmitter, name: string, signal: AbortSignal, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off(name, done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    emitter.on(name, done);
    signal.addEventListener('abort', done, { once: true });
  });
}
