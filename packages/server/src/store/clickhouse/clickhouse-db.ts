import type { ClickHouseClient } from '@clickhouse/client';
import { GoSightError } from '../../errors/index.js';
import { rawInsertOf, type RawInsert } from './create-client.js';
import { tabSeparatedRows, type TabSeparatedValue } from './tab-separated.js';

const DB_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * ClickHouse error codes that say the store is unwell rather than that the data sent is
 * wrong: retrying the same write later can succeed. TIMEOUT_EXCEEDED (159), TOO_SLOW (160),
 * TOO_MANY_SIMULTANEOUS_QUERIES (202), NO_FREE_CONNECTION (203), SOCKET_TIMEOUT (209),
 * NETWORK_ERROR (210), ABORTED (236), MEMORY_LIMIT_EXCEEDED (241), TABLE_IS_READ_ONLY (242),
 * NOT_ENOUGH_SPACE (243), TOO_MANY_PARTS (252), ALL_CONNECTION_TRIES_FAILED (279),
 * QUERY_WAS_CANCELLED (394), SYSTEM_ERROR (425, an errno such as ENOSPC), cannot read, write
 * or open a file (74, 75, 76), UNKNOWN_TABLE (60) and UNKNOWN_DATABASE (81) while a server
 * is being set up, READONLY (164), KEEPER_EXCEPTION (999), STD_EXCEPTION (1001).
 */
const OUTAGE_CODES = new Set([60, 74, 75, 76, 81, 159, 160, 164, 202, 203, 209, 210, 236, 241, 242, 243, 252, 279, 394, 425, 999, 1001]);
const TRANSIENT_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOSPC']);
/** chDB's own errors that mean the embedded engine is unavailable, not the query wrong. */
const CHDB_OUTAGES = new Set(['CHDB_CONNECTION', 'CHDB_CLOSED', 'CHDB_TIMEOUT', 'CHDB_INTERNAL']);

/**
 * JSON lines whose strings are well-formed Unicode. A JavaScript string can hold a lone
 * UTF-16 surrogate (recorded text cut in the middle of an emoji, or a hostile client);
 * JSON.stringify writes it as a `\uD8xx` escape, which ClickHouse refuses, failing the
 * whole insert. Such escapes (at any depth: map columns too) become U+FFFD; a line without
 * one, nearly all, is taken as it is.
 */
function jsonLines(values: readonly Record<string, unknown>[]): Buffer {
  return Buffer.from(values.map((row) => {
    const line = JSON.stringify(row);
    return /\\u[dD][89a-fA-F]/.test(line) ? line.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : line;
  }).join('\n'));
}

/** `\uD800`–`\uDFFF` escapes, not themselves escaped (an even run of backslashes before them). */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;


/** The ClickHouse exception code of an error from @clickhouse/client or chDB, if it has one. */
export function clickhouseCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; clickhouseCode?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.clickhouseCode === 'number') return e.clickhouseCode;
  if (typeof e.code === 'string' && /^\d+$/.test(e.code)) return Number(e.code);
  const m = typeof e.message === 'string' ? /Code: (\d+)\./.exec(e.message) : null;
  if (m) return Number(m[1]);
  return e.cause && e.cause !== err ? clickhouseCode(e.cause) : undefined;
}

/** Whether a store failure is an outage (retry later) rather than a verdict on the data. */
export function isStoreOutage(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && (TRANSIENT_ERRNOS.has(code) || CHDB_OUTAGES.has(code))) return true;
  const chCode = clickhouseCode(err);
  return chCode !== undefined && OUTAGE_CODES.has(chCode);
}

/**
 * Queries against one GoSight database. Outages become a typed 503 (`STORE_UNAVAILABLE`),
 * which callers retry; any other error is left as it is, a verdict on the query or its data.
 */
export class ClickHouseDb {
  private readonly insertRaw: RawInsert;

  constructor(readonly client: ClickHouseClient, readonly name: string) {
    if (!DB_NAME.test(name)) throw new RangeError(`invalid ClickHouse database name "${name}"`);
    this.insertRaw = rawInsertOf(client);
  }

  async command(query: string, params?: Record<string, unknown>): Promise<void> {
    await this.guard(() => this.client.command({ query, query_params: params }));
  }

  async rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]> {
    const rs = await this.guard(() => this.client.query({ query, query_params: params, format: 'JSONEachRow' }));
    return rs.json<T>();
  }

  /**
   * Inserts rows, serialised here as JSON lines and handed over as bytes: the client's own
   * row insert would serialise them and chDB read them back to text, two passes more.
   */
  async insert(table: string, values: Record<string, unknown>[], columns?: readonly string[]): Promise<void> {
    if (values.length === 0) return;
    const body = jsonLines(values);
    await this.guard(() => this.insertRaw(`${this.name}.${table}`, columns, 'JSONEachRow', body));
  }

  /** Inserts rows whose fields may be bytes (segments): as TabSeparated, byte for byte. */
  async insertBytes(table: string, columns: readonly string[], rows: readonly (readonly TabSeparatedValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const body = tabSeparatedRows(rows);
    await this.guard(() => this.insertRaw(`${this.name}.${table}`, columns, 'TabSeparated', body));
  }

  /** The raw bytes a query returns (`FORMAT RawBLOB`, `RowBinary`). */
  async bytes(query: string, params: Record<string, unknown>): Promise<Buffer> {
    const result = await this.guard(() => this.client.exec({ query, query_params: params }));
    const parts: Buffer[] = [];
    for await (const part of result.stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (isStoreOutage(err)) {
        const code = clickhouseCode(err) ?? (err as NodeJS.ErrnoException).code;
        throw new GoSightError('STORE_UNAVAILABLE', `ClickHouse is unavailable (${String(code)}): ${(err as Error).message.slice(0, 300)}`, { cause: err });
      }
      throw err;
    }
  }
}
