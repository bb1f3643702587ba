import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { fetchManifest, postBatch, waitFor } from './support/api-client.js';
import { launchBrowser } from './support/browser.js';
import { openPlayer, player } from './support/player-recording.js';
import { startServerProcess } from './support/server-process.js';

const KEY = 'gs_player_exact_seek';

/** A page whose status line changes at 1 s, 2 s and, as the session's very last event, at 3 s. */
function session(startedAt: number): { sessionId: string; events: RrwebEvent[] } {
  const text = (at: number, value: string): RrwebEvent => ({
    type: EventType.IncrementalSnapshot, timestamp: startedAt + at, data: { source: 0, texts: [{ id: 7, value }], attributes: [], removes: [], adds: [] },
  });
  return {
    sessionId: randomUUID(),
    events: [
      { type: EventType.Meta, timestamp: startedAt, data: { href: 'https://shop.test/status', width: 800, height: 600 } },
      {
        type: EventType.FullSnapshot, timestamp: startedAt + 1, data: {
          initialOffset: { top: 0, left: 0 },
          node: { type: 0, id: 1, childNodes: [
            { type: 1, id: 2, name: 'html', publicId: '', systemId: '' },
            { type: 2, id: 3, tagName: 'html', attributes: {}, childNodes: [
              { type: 2, id: 4, tagName: 'head', attributes: {}, childNodes: [] },
              { type: 2, id: 5, tagName: 'body', attributes: {}, childNodes: [
                { type: 2, id: 6, tagName: 'p', attributes: { id: 'status' }, childNodes: [{ type: 3, id: 7, textContent: 'start' }] },
              ] },
            ] },
          ] },
        },
      },
      text(1_000, 'one'),
      text(2_000, 'two'),
      text(3_000, 'last'),
    ],
  };
}

async function statusAfterSeek(page: Page, offsetMs: number): Promise<string | null> {
  await player.seek(page, offsetMs);
  return page.evaluate(() => document.querySelector('iframe')?.contentDocument?.getElementById('status')?.textContent ?? null);
}

/**
 * Exact seeking: the frame at offset t is every event at or before t applied, in whatever
 * order the seeks come; seeking to the end shows the session's very last change.
 */
test('player: a seek shows every event at or before its target, the last one included', { timeout: 90_000 }, async () => {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-exact-seek-')), projectKey: KEY });
  const browser = await launchBrowser();
  try {
    const { sessionId, events } = session(Date.now() - 60_000);
    const posted = await postBatch(server.url, KEY, { sessionId, seq: 0, events });
    assert.equal(posted.status, 200, posted.text);
    const manifest = await waitFor('the session to be stored', async () => {
      const found = await fetchManifest(server.url, sessionId);
      return found && found.durationMs === 3_000 ? found : undefined;
    }, 30_000, 200);
    const page = await openPlayer(browser, server.url, sessionId);
    const seen: [number, string | null][] = [];
    for (const offset of [manifest.durationMs, 0, 2_000, 1_999, 999, 1_000, 3_000, 500, 2_500, 10_000]) {
      seen.push([offset, await statusAfterSeek(page, offset)]);
    }
    assert.deepEqual(seen, [
      [3_000, 'last'], [0, 'start'], [2_000, 'two'], [1_999, 'one'], [999, 'start'], [1_000, 'one'], [3_000, 'last'], [500, 'start'], [2_500, 'two'],
      [10_000, 'last'],
    ]);
    assert.equal(await player.currentTime(page), 3_000, 'a seek past the end stops at the end');
  } finally {
    await browser.close();
    await server.stop();
  }
});
