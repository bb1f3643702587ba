/**
 * Splitting a queue message too large for one Kafka record into parts, and joining them
 * again. A part is
 *
 *   "GSP1" | header JSON {"id","index","count"} | "\n" | slice of the value
 *
 * Unsplit messages are stored as they are (an envelope starts with "{", never "GSP1").
 * All parts share the message key, so they land in one partition, in order.
 */
const MAGIC = Buffer.from('GSP1');
const NEWLINE = 0x0a;

export interface PartHeader {
  id: string;
  index: number;
  count: number;
}

export function splitMessage(value: Buffer, maxRecordBytes: number, id: string): Buffer[] {
  if (value.length <= maxRecordBytes) return [value];
  const headerRoom = 128;
  const sliceBytes = Math.max(1, maxRecordBytes - headerRoom);
  const count = Math.ceil(value.length / sliceBytes);
  const parts: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const header = Buffer.from(JSON.stringify({ id, index, count } satisfies PartHeader));
    parts.push(Buffer.concat([MAGIC, header, Buffer.from([NEWLINE]), value.subarray(index * sliceBytes, (index + 1) * sliceBytes)]));
  }
  return parts;
}

export function readPart(record: Buffer): { header: PartHeader; slice: Buffer } | undefined {
  if (record.length < MAGIC.length || !record.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const nl = record.indexOf(NEWLINE, MAGIC.length);
  if (nl < 0) throw new Error('queue record part has no header end');
  const header = JSON.parse(record.toString('utf8', MAGIC.length, nl)) as PartHeader;
  return { header, slice: record.subarray(nl + 1) };
}

interface Pending {
  firstOffset: number;
  slices: Buffer[];
  received: number;
  count: number;
}

/**
 * Joins parts per partition. `add` returns the whole message once its last part arrives.
 * `lowestPendingOffset` tells how far a partition may be committed while a message is
 * still incomplete (its first part must be read again after a restart).
 */
export class PartJoiner {
  private readonly pending = new Map<string, Pending>();

  add(partition: number, offset: number, header: PartHeader, slice: Buffer): { value: Buffer; firstOffset: number } | undefined {
    const key = `${partition}/${header.id}`;
    let p = this.pending.get(key);
    if (!p) {
      if (header.index !== 0) return undefined; // the head was committed away: an orphan tail, already delivered before
      p = { firstOffset: offset, slices: new Array<Buffer>(header.count), received: 0, count: header.count };
      this.pending.set(key, p);
    }
    if (!p.slices[header.index]) {
      p.slices[header.index] = slice;
      p.received++;
    }
    if (p.received < p.count) return undefined;
    this.pending.delete(key);
    return { value: Buffer.concat(p.slices), firstOffset: p.firstOffset };
  }

  lowestPendingOffset(partition: number): number | undefined {
    let lowest: number | undefined;
    for (const [key, p] of this.pending) {
      if (key.startsWith(`${partition}/`) && (lowest === undefined || p.firstOffset < lowest)) lowest = p.firstOffset;
    }
    return lowest;
  }

  /** Drops what belongs to partitions this consumer no longer owns. */
  forgetPartitions(keep: (partition: number) => boolean): void {
    for (const key of [...this.pending.keys()]) if (!keep(Number(key.split('/')[0]))) this.pending.delete(key);
  }
}
