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
  // Its `insert` reads the body as UTF-8 text; its raw insert takes the bytes as they are.
  tabSeparatedInserts.set(client, async (table, columns, body) => {
    await connection.chdb.rawInsert({ table, columns, format: 'TabSeparated', values: body });
  });
  return client;
}

/** Inserts a TabSeparated body (tab-separated.ts) of bytes into `table`. */
export type TabSeparatedInsert = (table: string, columns: readonly string[], body: Buffer) => Promise<void>;

const tabSeparatedInserts = new WeakMap<ClickHouseClient, TabSeparatedInsert>();

/** How to send `client` a TabSeparated body byte for byte: over HTTP as the request body, to chDB by its raw insert. */
export function tabSeparatedInsertOf(client: ClickHouseClient): TabSeparatedInsert {
  return tabSeparatedInserts.get(client) ?? (async (table, columns, body) => {
    await client.insert({ table, columns: [...columns] as [string, ...string[]], format: 'TabSeparated', values: Readable.from([body], { objectMode: false }) });
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
