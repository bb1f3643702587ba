/**
 * TEST-ONLY: answers ClickHouse's HTTP interface from an in-process chDB, so tests can run
 * GoSight (and several GoSight processes) against "a ClickHouse server by URL" on a
 * machine where no modern ClickHouse server can be installed. It understands what
 * @clickhouse/client sends: the statement in the `query` URL parameter and/or the body,
 * `param_*` query parameters, and settings as URL parameters. Not for production use.
 *
 * Run: tsx e2e/support/clickhouse-http-shim.ts --path <dir> [--port 0]
 * Prints `clickhouse-http-shim listening on http://127.0.0.1:PORT` when ready.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createChdbConnection } from 'chdb/connection';

const { values } = parseArgs({ options: { path: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.path) {
  process.stderr.write('usage: clickhouse-http-shim --path <chdb data dir> [--port N]\n');
  process.exit(2);
}
const connection = createChdbConnection({ path: values.path });

// URL parameters that are about the HTTP exchange, not engine settings.
const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'session_id', 'session_timeout', 'session_check', 'user', 'password']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  const raw = Buffer.concat(parts);
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

/**
 * A query parameter as the server reads it: a scalar arrives escaped (`\\`, `\'`, `\t`, `\n`,
 * `\r`), which chDB's binder does not undo; arrays carry quoted literals, as they are.
 */
function unescapeParam(v: string): string {
  if (v.startsWith('[')) return v;
  return v.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r' } as Record<string, string>)[c] ?? c);
}

/** An insert of bytes (TabSeparated): handed to chDB as bytes, since its text path reads UTF-8. */
const BYTES_INSERT = /^INSERT INTO ([\w.]+) \(([^)]*)\) FORMAT TabSeparated\s*$/i;

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/ping') return void res.end('Ok.\n');
  try {
    const bytes = await readBody(req);
    const urlQuery = url.searchParams.get('query');
    const insert = urlQuery ? BYTES_INSERT.exec(urlQuery) : null;
    if (insert) {
      const columns = insert[2].split(',').map((c) => c.trim().replace(/^`|`$/g, ''));
      await connection.chdb.rawInsert({ table: insert[1], columns, format: 'TabSeparated', values: bytes });
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-ClickHouse-Summary': '{}' });
      return void res.end();
    }
    const body = bytes.toString('utf8');
    const sql = urlQuery ? (body.trim() ? `${urlQuery}\n${body}` : urlQuery) : body;
    const query_params: Record<string, string> = {};
    const clickhouse_settings: Record<string, string> = {};
    for (const [k, v] of url.searchParams) {
      if (k.startsWith('param_')) query_params[k.slice('param_'.length)] = unescapeParam(v);
      else if (!NOT_SETTINGS.has(k)) clickhouse_settings[k] = v;
    }
    const result = await connection.exec({ query: sql, query_params, clickhouse_settings } as never);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'X-ClickHouse-Summary': '{}' });
    for await (const chunk of result.stream) res.write(chunk);
    res.end();
  } catch (err) {
    const e = err as { code?: string | number; message?: string };
    const code = String(e.code ?? '1000');
    res.writeHead(500, { 'X-ClickHouse-Exception-Code': code, 'Content-Type': 'text/plain' });
    res.end(`Code: ${code}. DB::Exception: ${e.message ?? String(err)}\n`);
  }
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`clickhouse-http-shim listening on http://127.0.0.1:${port}\n`);
});
const stop = () => server.close(() => connection.close().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
