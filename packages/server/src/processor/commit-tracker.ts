/** Where a message sits in the queue. */
export interface QueuePosition {
  partition: number;
  offset: number;
}

/**
 * The one place that decides how far the queue may be committed: up to the last handled
 * message of each partition, but never past the earliest message of a session whose data
 * is not stored yet.
 */
export class CommitTracker {
  private readonly lastHandled = new Map<number, number>();
  private readonly lastCommitted = new Map<number, number>();
  /** Sessions with data not yet stored, and the first queue position of that data. */
  private readonly unflushed = new Map<string, QueuePosition>();

  /** Whether the message at `offset` was handled already (a redelivery after a retried failure). */
  wasHandled(partition: number, offset: number): boolean {
    const last = this.lastHandled.get(partition);
    return last !== undefined && offset <= last;
  }

  handled(partition: number, offset: number): void {
    this.lastHandled.set(partition, offset);
  }

  pending(sessionKey: string, position: QueuePosition): void {
    if (!this.unflushed.has(sessionKey)) this.unflushed.set(sessionKey, position);
  }

  flushed(sessionKey: string): void {
    this.unflushed.delete(sessionKey);
  }

  /** Partitions whose committable offset moved past the last commit, with that offset. */
  due(): [number, number][] {
    const out: [number, number][] = [];
    for (const [partition, last] of this.lastHandled) {
      let next = last + 1;
      for (const pos of this.unflushed.values()) if (pos.partition === partition && pos.offset < next) next = pos.offset;
      if (next > (this.lastCommitted.get(partition) ?? -1)) out.push([partition, next]);
    }
    return out;
  }

  /** Forgets partitions this consumer no longer owns: it must not commit them. */
  keepPartitions(owned: Set<number>): void {
    for (const p of [...this.lastHandled.keys()]) if (!owned.has(p)) this.lastHandled.delete(p);
    for (const p of [...this.lastCommitted.keys()]) if (!owned.has(p)) this.lastCommitted.delete(p);
    for (const [key, pos] of this.unflushed) if (!owned.has(pos.partition)) this.unflushed.delete(key);
  }

  committed(partition: number, nextOffset: number): void {
    this.lastCommitted.set(partition, nextOffset);
  }
}
