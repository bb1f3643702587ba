import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';

export interface ClickHouseTarget {
  /** A ClickHouse server's HTTP URL; unset means embedded chDB under `dataDir`. */
  url: string | undefined;
  dataDir: string;
}

/**
 * One client API for both deployments: the embedded default plugs chDB into
 * @clickhouse/client as its connection; a URL talks to a server over HTTP.
 */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  if (target.url) {
    return createClient({ url: target.url, request_timeout: 60_000, compression: { request: false, response: false } });
  }
  const path = resolve(target.dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  const connection = createChdbConnection({ path });
  // chDB's Connection implements @clickhouse/client-common's interface; the two packages
  // carry separate copies of its type, hence the cast.
  const client = createClient({ connection: connection as never });
  // Its `insert` reads the body as UTF-8 text, and rebuilds it from rows; its raw insert
  // hands the bytes as they are to the engine's parser.
  rawInserts.set(client, async (table, columns, format, body) => {
    await connection.chdb.rawInsert({ table, ...(columns ? { columns } : {}), format, values: body });
  });
  return client;
}

/** Formats a body is sent in: TabSeparated for bytes (tab-separated.ts), JSONEachRow for rows. */
export type RawFormat = 'TabSeparated' | 'JSONEachRow';

/** Inserts a body, already in `format`, into `table`. */
export type RawInsert = (table: string, columns: readonly string[] | undefined, format: RawFormat, body: Buffer) => Promise<void>;

const rawInserts = new WeakMap<ClickHouseClient, RawInsert>();

/** How to send `client` a body byte for byte: over HTTP as the request body, to chDB by its raw insert. */
export function rawInsertOf(client: ClickHouseClient): RawInsert {
  return rawInserts.get(client) ?? (async (table, columns, format, body) => {
    // exec sends the query in the URL and the stream as the body, whatever the format (the
    // client's insert would want objects for JSONEachRow, and serialise them itself).
    const result = await client.exec({
      query: `INSERT INTO ${table}${columns ? ` (${columns.join(', ')})` : ''} FORMAT ${format}`,
      values: Readable.from([body], { objectMode: false }),
    });
    result.stream.resume();
    await new Promise<void>((resolve, reject) => result.stream.once('end', resolve).once('error', reject));
  });
}

/** Human-readable description of where the store lives, for start-up output. */
export const describeTarget = (target: ClickHouseTarget): string =>
  target.url ? `ClickHouse server ${redactUrl(target.url)}` : `embedded chDB at ${resolve(target.dataDir, 'clickhouse')}`;

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
