import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { ReplayBatch } from '@gosight/shared';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SDK_DIR = join(repoRoot, 'packages/sdk');
export const SDK_BUNDLE = join(SDK_DIR, 'dist/gosight.js');
const FIXTURES = join(repoRoot, 'e2e/fixtures/sdk');
const RRWEB_UMD = join(repoRoot, 'node_modules/rrweb/dist/rrweb.umd.min.cjs');

/** Builds packages/sdk/dist/gosight.js when it is missing or older than any SDK source file. */
export function ensureSdkBundle(): string {
  const newest = newestMtime(join(SDK_DIR, 'src'));
  if (!existsSync(SDK_BUNDLE) || statSync(SDK_BUNDLE).mtimeMs < Math.max(newest, statSync(join(SDK_DIR, 'build.mjs')).mtimeMs)) {
    execFileSync(process.execPath, [join(SDK_DIR, 'build.mjs')], { cwd: SDK_DIR, stdio: 'pipe' });
  }
  return SDK_BUNDLE;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/**
 * The "customer site": fixture pages from e2e/fixtures/sdk, the SDK bundle at /sdk/gosight.js,
 * rrweb's UMD build at /rrweb.js (bare-rrweb benchmark, replay checks), and a small JSON API
 * under /api/ that answers with secrets in headers, cookies and bodies.
 */
export async function startFixtureServer(): Promise<Listening> {
  const bundle = ensureSdkBundle();
  const server = createServer((req, res) => {
    void handleFixture(req, res, bundle).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  return listen(server);
}

async function handleFixture(req: IncomingMessage, res: ServerResponse, bundle: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fixture');
  if (url.pathname.startsWith('/api/')) {
    const body = await readBody(req);
    const secret = url.searchParams.get('respond_token') ?? url.searchParams.get('respond') ?? 'none';
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'X-Auth-Token': secret,
      'X-Request-Id': 'visible-request-id',
      'Set-Cookie': `session=${secret}; Path=/`,
    });
    res.end(JSON.stringify({ ok: true, received: body.length, access_token: secret, message: 'visible-response-field' }));
    return;
  }
  if (url.pathname.startsWith('/img/')) {
    // Any image path is a small patterned PNG, whatever its query: pages can show images whose URLs carry parameters.
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
    res.end(FIXTURE_PNG);
    return;
  }
  const file = url.pathname === '/sdk/gosight.js' ? bundle
    : url.pathname === '/rrweb.js' ? RRWEB_UMD
    : join(FIXTURES, url.pathname.replace(/^\/+/, '') || 'index.html');
  if (!file.startsWith(FIXTURES) && file !== bundle && file !== RRWEB_UMD) return void res.writeHead(403).end();
  if (!existsSync(file)) return void res.writeHead(404).end('not found');
  const ext = file.endsWith('.cjs') ? '.js' : file.slice(file.lastIndexOf('.'));
  res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  res.end(readFileSync(file));
}

/** A 48 x 48 checkerboard, so a loaded image and a broken one look different in a screenshot. */
const FIXTURE_PNG = (() => {
  const png = new PNG({ width: 48, height: 48 });
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 48; x++) {
      const i = (y * 48 + x) * 4;
      const dark = ((x >> 3) + (y >> 3)) % 2 === 0;
      png.data[i] = dark ? 30 : 220;
      png.data[i + 1] = dark ? 90 : 200;
      png.data[i + 2] = dark ? 160 : 120;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
})();

/** One request the SDK made to the ingest, as it arrived. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes exactly as sent. */
  raw: Buffer;
  /** The body after undoing Content-Encoding. */
  text: string;
  /** The parsed batch, for a POST with a valid JSON body. */
  batch?: ReplayBatch;
  /** What the fake answered. */
  status: number;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface IngestAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeIngest extends Listening {
  /** Every POST to /v1/replay, in arrival order. */
  readonly requests: CapturedRequest[];
  /** Every request of any kind (preflights included), for "every byte sent" checks. */
  readonly all: CapturedRequest[];
  /** Batches answered 2xx, keyed `${sessionId}/${seq}` (the server's dedup key). */
  accepted(): Map<string, ReplayBatch>;
  /** Sets how the next POSTs are answered (default 200); called with the POST's 0-based number. */
  answer(fn: (n: number) => IngestAnswer): void;
}

/**
 * A GoSight ingest stand-in on its own origin: answers CORS like the real one (and also
 * exposes Retry-After), records every byte, answers POSTs as scripted, and, with
 * `forwardTo`, passes each POST on to a real GoSight server and answers with its status.
 * `countOnly` keeps the raw bytes but does not decode them.
 */
export async function startFakeIngest(opts: { forwardTo?: string; countOnly?: boolean } = {}): Promise<FakeIngest> {
  const requests: CapturedRequest[] = [];
  const all: CapturedRequest[] = [];
  let answer: (n: number) => IngestAnswer = () => ({ status: 200 });
  let posts = 0;
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding, X-GoSight-Key',
    'Access-Control-Expose-Headers': 'Retry-After',
  };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const captured: CapturedRequest = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, raw, text: '', status: 0, at: Date.now() };
      all.push(captured);
      if (req.method === 'OPTIONS') {
        captured.status = 204;
        return void res.writeHead(204, cors).end();
      }
      const gzip = String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
      // countOnly (benchmarks): no decoding, so the fake takes no CPU from the browser under test.
      if (!opts.countOnly) {
        try {
          captured.text = gzip ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
          captured.batch = JSON.parse(captured.text) as ReplayBatch;
        } catch {
          // Kept as text; the tests look at the bytes.
        }
      }
      requests.push(captured);
      let reply = answer(posts++);
      if (reply.status < 300 && opts.forwardTo) reply = await forward(opts.forwardTo, req, raw);
      captured.status = reply.status;
      res.writeHead(reply.status, { ...cors, 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
      res.end(JSON.stringify({ status: reply.status }));
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  const listening = await listen(server);
  return {
    ...listening,
    requests,
    all,
    accepted() {
      const out = new Map<string, ReplayBatch>();
      for (const r of requests) if (r.status >= 200 && r.status < 300 && r.batch) out.set(`${r.batch.sessionId}/${r.batch.seq}`, r.batch);
      return out;
    },
    answer(fn) {
      answer = fn;
    },
  };
}

function forward(target: string, req: IncomingMessage, raw: Buffer): Promise<IngestAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-encoding', 'x-gosight-key']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const out = httpRequest(`${target}${req.url ?? '/v1/replay'}`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 502 }));
    });
    out.on('error', reject);
    out.end(raw);
  });
}
