/**
 * Reads rows in ClickHouse's RowBinary output format: the way to get several rows of
 * bytes back without escaping. Only the column types GoSight reads this way are known.
 */
export type RowBinaryType = 'UInt64' | 'String';
export type RowBinaryValue = bigint | Buffer;

export function readRowBinary(bytes: Buffer, types: readonly RowBinaryType[]): RowBinaryValue[][] {
  const rows: RowBinaryValue[][] = [];
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Error(`RowBinary ends inside a value (${bytes.length} bytes)`);
  };
  while (at < bytes.length) {
    const row: RowBinaryValue[] = [];
    for (const type of types) {
      if (type === 'UInt64') {
        need(8);
        row.push(bytes.readBigUInt64LE(at));
        at += 8;
        continue;
      }
      // A String is its length as an unsigned LEB128, then its bytes.
      let length = 0;
      for (let shift = 0; ; shift += 7) {
        need(1);
        const b = bytes[at++];
        length += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) break;
        if (shift > 49) throw new Error('RowBinary string length is too long');
      }
      need(length);
      row.push(bytes.subarray(at, at + length));
      at += length;
    }
    rows.push(row);
  }
  return rows;
}
