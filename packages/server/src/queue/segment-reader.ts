import { open, type FileHandle } from 'node:fs/promises';
import { decodeRecord, RECORD_HEADER_BYTES } from './record-codec.js';
import type { Segment } from './segment-files.js';
import type { BatchHandler, QueueMessage } from './queue.js';

const READ_BYTES = 4 * 1024 * 1024;

export interface SegmentReaderOptions {
  /** The queue's live segment list; it grows at the end and shrinks at the front. */
  segments: Segment[];
  startOffset: number;
  maxBatchMessages: number;
  /** Called when the handler throws; the batch is redelivered after a pause. */
  onHandlerError?: (err: unknown, attempt: number) => void;
  /** Called when the log cannot be read (an I/O error, a corrupt record); reading is retried after a pause. */
  onReadError?: (err: unknown, attempt: number) => void;
  /** Resolves when new durable records may exist, when `signal` aborts, or after `timeoutMs`. */
  waitForAppend: (signal: AbortSignal, timeoutMs: number) => Promise<void>;
}

/**
 * Reads durable records of the embedded queue in offset order and hands them to a
 * handler batch by batch, waiting for the handler before reading on (back-pressure).
 */
export class SegmentReader {
  private segment: Segment | undefined;
  private handle: FileHandle | undefined;
  private bytePos = 0;
  private offset: number;

  constructor(private readonly opts: SegmentReaderOptions) {
    this.offset = opts.startOffset;
  }

  /** Offset of the next record to deliver. */
  get nextOffset(): number {
    return this.offset;
  }

  /**
   * Delivers until `signal` aborts. It never stops by itself: a failed read is reported
   * and retried from the same offset after a growing pause, so the consumer cannot go
   * quiet while there is data to deliver.
   */
  async run(handler: BatchHandler, signal: AbortSignal): Promise<void> {
    let failedReads = 0;
    while (!signal.aborted) {
      let batch: QueueMessage[];
      try {
        batch = await this.readBatch();
        failedReads = 0;
      } catch (err) {
        this.opts.onReadError?.(err, failedReads);
        await this.reopen();
        await sleep(Math.min(200 * 2 ** failedReads++, 10_000), signal);
        continue;
      }
      if (batch.length === 0) {
        // An append between the read and arming the wait is caught by the timeout.
        await this.opts.waitForAppend(signal, 200);
        continue;
      }
      await this.deliver(batch, handler, signal);
    }
  }

  /**
   * Hands a batch to the handler until it succeeds: a failing handler (say, the store is
   * down) gets the same batch again after a growing pause, so nothing is skipped.
   */
  private async deliver(batch: QueueMessage[], handler: BatchHandler, signal: AbortSignal): Promise<void> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        await handler(batch);
        return;
      } catch (err) {
        this.opts.onHandlerError?.(err, attempt);
        await sleep(Math.min(200 * 2 ** attempt, 10_000), signal);
      }
    }
  }

  private async readBatch(): Promise<QueueMessage[]> {
    if (!(await this.position())) return [];
    const seg = this.segment!;
    const available = seg.size - this.bytePos;
    if (available <= 0) {
      if (this.isLast(seg)) return [];
      await this.moveTo(this.nextSegment(seg));
      return this.readBatch();
    }
    let buf = await this.read(Math.min(available, READ_BYTES));
    if (decodeRecord(buf, 0).kind === 'incomplete' && buf.length >= RECORD_HEADER_BYTES) {
      // A single record larger than one read: read exactly that record.
      buf = await this.read(Math.min(available, RECORD_HEADER_BYTES + buf.readUInt32BE(0)));
    }
    const out: QueueMessage[] = [];
    let pos = 0;
    while (out.length < this.opts.maxBatchMessages) {
      const r = decodeRecord(buf, pos);
      if (r.kind !== 'record') break;
      out.push({ partition: 0, offset: this.offset, firstOffset: this.offset, key: r.key, value: r.value });
      pos += r.size;
      this.offset++;
    }
    // Below the durable size the log holds whole records only: one that does not decode is
    // damage (not a torn tail), and skipping it would lose acked data, so it is reported.
    if (out.length === 0) throw new Error(`queue segment ${seg.path} is unreadable at byte ${this.bytePos} (offset ${this.offset})`);
    this.bytePos += pos;
    return out;
  }

  /** Finds the segment holding `this.offset` and the byte position of that record. */
  private async position(): Promise<boolean> {
    const segs = this.opts.segments;
    if (this.segment && segs.includes(this.segment)) return true;
    const target = [...segs].reverse().find((s) => s.baseOffset <= this.offset) ?? segs[0];
    if (!target) return false;
    const wanted = Math.max(this.offset, target.baseOffset);
    await this.moveTo(target);
    // Skip the records below the start offset (a commit point inside a segment).
    while (this.offset < wanted && this.bytePos < target.size) {
      const head = await this.read(RECORD_HEADER_BYTES);
      this.bytePos += RECORD_HEADER_BYTES + head.readUInt32BE(0);
      this.offset++;
    }
    return true;
  }

  /** Forgets the open segment, so the next read finds its place again from the offset. */
  private async reopen(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    this.segment = undefined;
  }

  private async moveTo(seg: Segment): Promise<void> {
    await this.handle?.close();
    this.segment = seg;
    this.handle = await open(seg.path, 'r');
    this.bytePos = 0;
    this.offset = seg.baseOffset;
  }

  private async read(length: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.handle!.read(buf, 0, length, this.bytePos);
    return buf.subarray(0, bytesRead);
  }

  private isLast(seg: Segment): boolean {
    return this.opts.segments[this.opts.segments.length - 1] === seg;
  }

  private nextSegment(seg: Segment): Segment {
    return this.opts.segments.find((s) => s.baseOffset > seg.baseOffset)!;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** A pause that ends early when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
