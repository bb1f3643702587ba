/**
 * Rows in ClickHouse's TabSeparated input format, built as bytes. A String field carries
 * any bytes: only backslash, tab and newline are escaped, so segment bytes go into the
 * store as they are (no base64, no JSON string escaping) and come back byte for byte.
 */
export type TabSeparatedValue = Buffer | string | number;

const BACKSLASH = 0x5c;
const TAB = 0x09;
const NEWLINE = 0x0a;
const ESCAPED: Record<number, number> = { [BACKSLASH]: BACKSLASH, [TAB]: 0x74 /* t */, [NEWLINE]: 0x6e /* n */ };

/** Rows as one TabSeparated body. Strings are written as UTF-8 (lone surrogates as U+FFFD). */
export function tabSeparatedRows(rows: readonly (readonly TabSeparatedValue[])[]): Buffer {
  const fields = rows.map((row) => row.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(typeof v === 'number' ? String(v) : v, 'utf8'))));
  // At worst every byte is escaped; one tab or newline after each field.
  let room = 0;
  for (const row of fields) for (const f of row) room += 2 * f.length + 1;
  const out = Buffer.allocUnsafe(room);
  let at = 0;
  for (const row of fields) {
    row.forEach((field, i) => {
      at = writeEscaped(field, out, at);
      out[at++] = i === row.length - 1 ? NEWLINE : TAB;
    });
  }
  return out.subarray(0, at);
}

function writeEscaped(field: Buffer, out: Buffer, at: number): number {
  let from = 0;
  for (let i = 0; i < field.length; i++) {
    const b = field[i];
    if (b !== BACKSLASH && b !== TAB && b !== NEWLINE) continue;
    at += field.copy(out, at, from, i);
    out[at++] = BACKSLASH;
    out[at++] = ESCAPED[b];
    from = i + 1;
  }
  return at + field.copy(out, at, from);
}
