import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
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
  // chDB's Connection implements @clickhouse/client-common's interface; the two packages
  // carry separate copies of its type, hence the cast.
  return createClient({ connection: createChdbConnection({ path }) as never });
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
