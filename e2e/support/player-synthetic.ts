import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { EventType, INGEST_PATH, PROJECT_KEY_HEADER, type ReplayBatch, type RrwebEvent } from '@gosight/shared';
import { fetchAllEvents, fetchManifest, waitFor } from './api-client.js';
import { recordDemoSession } from './player-recording.js';

/**
 * Long sessions made of real recorded material: one chunk recorded by the SDK on the demo
 * app, posted again and again with shifted timestamps, one copy per minute. Every copy
 * opens with the chunk's Meta + FullSnapshot, so the processor stores one chunk per copy,
 * as it would for a real session with a checkout every minute.
 */

/** Records a short demo session and returns its first chunk's events (Meta + FullSnapshot first). */
export async function recordTemplateChunk(browser: Browser, serverUrl: string, act: (page: Page) => Promise<void> = defaultActivity): Promise<RrwebEvent[]> {
  const recording = await recordDemoSession(browser, serverUrl, async (page) => act(page));
  const { chunks } = await fetchAllEvents(serverUrl, recording.sessionId);
  const template = chunks[0];
  if (template[0]?.type !== EventType.Meta || !template.some((event) => event.type === EventType.FullSnapshot)) {
    throw new Error('the recorded chunk does not open with Meta + FullSnapshot');
  }
  return template;
}

/** A few seconds of ordinary use: typing, adding, an error, a request. */
async function defaultActivity(page: Page): Promise<void> {
  await page.fill('#name', 'Oat milk');
  await page.click('#add');
  await page.click('#error');
  await page.click('#sync');
  await page.waitForTimeout(300);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  await page.click('#remove');
}

export interface SyntheticSession {
  sessionId: string;
  startedAt: number;
  batches: ReplayBatch[];
  /** Epoch ms each copy starts at (its chunk's first event). */
  copyStarts: number[];
}

/**
 * `copies` copies of `template`, `spacingMs` apart from `startedAt`, cut into batches of at
 * most `eventsPerBatch` events. The template must be shorter than the spacing.
 */
export function buildSession(template: readonly RrwebEvent[], opts: { copies: number; spacingMs?: number; startedAt: number; eventsPerBatch?: number }): SyntheticSession {
  const spacingMs = opts.spacingMs ?? 60_000;
  const eventsPerBatch = opts.eventsPerBatch ?? 500;
  const first = template[0].timestamp;
  const length = template[template.length - 1].timestamp - first;
  if (length >= spacingMs) throw new Error(`the template (${length} ms) is longer than the spacing (${spacingMs} ms)`);
  const sessionId = randomUUID();
  const batches: ReplayBatch[] = [];
  const copyStarts: number[] = [];
  for (let copy = 0; copy < opts.copies; copy++) {
    const shift = opts.startedAt + copy * spacingMs - first;
    copyStarts.push(first + shift);
    const events = template.map((event) => ({ ...event, timestamp: event.timestamp + shift }));
    for (let i = 0; i < events.length; i += eventsPerBatch) {
      batches.push({ sessionId, seq: batches.length, events: events.slice(i, i + eventsPerBatch) });
    }
  }
  return { sessionId, startedAt: opts.startedAt, batches, copyStarts };
}

/** Posts the batches gzipped to the ingest, in order per session, `concurrency` sessions at a time. */
export async function postSessions(serverUrl: string, key: string, sessions: readonly SyntheticSession[], concurrency = 4): Promise<void> {
  const queue = [...sessions];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let session = queue.shift(); session; session = queue.shift()) {
        for (const batch of session.batches) {
          const res = await fetch(`${serverUrl}${INGEST_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', [PROJECT_KEY_HEADER]: key },
            body: new Uint8Array(gzipSync(JSON.stringify(batch))),
          });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`ingest answered ${res.status} for batch ${batch.seq} of ${batch.sessionId}`);
        }
      }
    }),
  );
}

/** Waits until the session is stored as `chunks` chunks up to its last event. */
export async function waitForChunks(serverUrl: string, session: SyntheticSession, chunks: number, timeoutMs = 120_000): Promise<void> {
  const lastEvent = session.batches[session.batches.length - 1].events.at(-1)?.timestamp ?? 0;
  await waitFor(`${chunks} chunks of ${session.sessionId}`, async () => {
    const manifest = await fetchManifest(serverUrl, session.sessionId);
    return manifest && manifest.chunks.length === chunks && manifest.endedAt >= lastEvent ? true : undefined;
  }, timeoutMs, 250);
}
