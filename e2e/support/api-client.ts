import { gzipSync } from 'node:zlib';
import type { ReplayBatch, ReplayManifest, RrwebEvent, SessionListResponse } from '@gosight/shared';
import { chunkPath, INGEST_PATH, manifestPath, PROJECT_KEY_HEADER } from '@gosight/shared';

/** Reads a session back through the public API, the way the player does. */
export async function fetchManifest(baseUrl: string, sessionId: string): Promise<ReplayManifest | undefined> {
  const res = await fetch(`${baseUrl}${manifestPath(sessionId)}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`manifest ${res.status}: ${await res.text()}`);
  return (await res.json()) as ReplayManifest;
}

/** All events of a session, chunk by chunk (fetch undoes the chunk's Content-Encoding: gzip). */
export async function fetchAllEvents(baseUrl: string, sessionId: string): Promise<{ manifest: ReplayManifest; chunks: RrwebEvent[][] }> {
  const manifest = await fetchManifest(baseUrl, sessionId);
  if (!manifest) throw new Error(`session ${sessionId} not found`);
  const chunks: RrwebEvent[][] = [];
  for (const c of manifest.chunks) {
    const res = await fetch(`${baseUrl}${chunkPath(sessionId, c.index)}`);
    if (!res.ok) throw new Error(`chunk ${c.index}: ${res.status}`);
    // A chunk holds its events in arrival order; like the player, read them in time order (stable).
    chunks.push(((await res.json()) as RrwebEvent[]).sort((a, b) => a.timestamp - b.timestamp));
  }
  return { manifest, chunks };
}

export async function listSessions(baseUrl: string): Promise<SessionListResponse> {
  const res = await fetch(`${baseUrl}/api/sessions?limit=200`);
  return (await res.json()) as SessionListResponse;
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until everything the server has acknowledged is stored: its queue is drained and its
 * processor holds nothing unwritten (from /api/health). A batch acked before the call is
 * readable once this resolves.
 */
export async function waitForStored(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  await waitFor('the processor to store every acked batch', async () => {
    const h = (await (await fetch(`${baseUrl}/api/health`)).json()) as { queue?: { depth: number }; processor?: { unflushedSessions: number } };
    return (h.queue?.depth ?? 0) === 0 && (h.processor?.unflushedSessions ?? 0) === 0 ? true : undefined;
  }, timeoutMs, 100);
}

/** Posts one batch gzipped to the ingest, as the SDK does; resolves with the status, the error code and Retry-After. */
export async function postBatch(baseUrl: string, key: string, batch: ReplayBatch): Promise<{ status: number; code?: string; retryAfter: string | null; text: string }> {
  const res = await fetch(`${baseUrl}${INGEST_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', [PROJECT_KEY_HEADER]: key },
    body: new Uint8Array(gzipSync(JSON.stringify(batch))),
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code: string } }).error?.code;
  } catch {
    // Not JSON: no code.
  }
  return { status: res.status, code, retryAfter: res.headers.get('retry-after'), text };
}
