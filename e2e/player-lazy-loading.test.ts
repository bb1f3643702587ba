import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { openPlayer, player } from './support/player-recording.js';
import { buildSession, postSessions, recordTemplateChunk, waitForChunks } from './support/player-synthetic.js';

const KEY = 'gs_player_lazy';
const MINUTES = 12;
const MINUTE_MS = 60_000;

/**
 * Lazy loading (spec §8.1) on a 12-minute session made of a chunk the SDK recorded: the
 * first frame needs one chunk, a seek fetches only the chunk holding its target plus the
 * next two, memory holds a bounded window, and playback crosses chunk boundaries on its own.
 */
test('player: chunks load on demand, two ahead are preloaded, memory stays bounded', { timeout: 120_000 }, async () => {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-player-lazy-')), projectKey: KEY });
  const browser = await launchBrowser();
  try {
    const template = await recordTemplateChunk(browser, server.url);
    const session = buildSession(template, { copies: MINUTES, startedAt: Date.now() - 2 * 3_600_000 });
    await postSessions(server.url, KEY, [session]);
    await waitForChunks(server.url, session, MINUTES);

    const page = await openPlayer(browser, server.url, session.sessionId);
    const fetched: number[] = [];
    page.context().on('request', (request) => {
      const match = /\/replay\/chunks\/(\d+)$/.exec(new URL(request.url()).pathname);
      if (match) fetched.push(Number(match[1]));
    });
    // The first frame came from chunk 0 alone; then chunks 1 and 2 are preloaded.
    await page.waitForFunction(() => (window as unknown as { __gosightPlayer: { chunkFetches: number } }).__gosightPlayer.chunkFetches >= 3);
    await page.waitForTimeout(300);
    let hooks = await player.hooks(page);
    assert.equal(hooks.chunkFetches, 3, 'chunk 0 for the first frame, then two ahead');
    assert.deepEqual(hooks.cachedChunks, [0, 1, 2]);
    assert.equal(await page.locator('[data-testid="chunk-progress"]').textContent(), `3 of ${MINUTES} chunks in memory`);

    // A seek far ahead loads the chunk holding the target (and preloads the next two), nothing between.
    fetched.length = 0;
    const began = Date.now();
    await player.seek(page, 9 * MINUTE_MS + 2_000);
    const seekMs = Date.now() - began;
    assert.ok(seekMs < 2_000, `the seek took ${seekMs} ms`);
    await page.waitForTimeout(300);
    assert.deepEqual([...new Set(fetched)].sort((a, b) => a - b), [9, 10, 11]);
    assert.equal(await player.currentTime(page), 9 * MINUTE_MS + 2_000);
    const shown = await page.evaluate(() => (document.querySelector('[data-testid="replay-root"] iframe') as HTMLIFrameElement).contentDocument?.querySelector('#add')?.textContent);
    assert.equal(shown, 'Add item', 'the frame is drawn from chunk 9 alone');

    // Visiting the whole session never holds more than the window; what was dropped is fetched again.
    let most = 0;
    for (const minute of [3, 6, 1, 7, 4, 0, 10, 5]) {
      await player.seek(page, minute * MINUTE_MS + 1_500);
      await page.waitForTimeout(100);
      hooks = await player.hooks(page);
      most = Math.max(most, hooks.loadedChunks);
      assert.ok(hooks.cachedChunks.includes(minute), `chunk ${minute} is held while the playhead is in it`);
    }
    assert.ok(most <= 5, `at most 5 chunks in memory (saw ${most})`);
    assert.ok(hooks.chunkFetches > MINUTES, `dropped chunks were fetched again (${hooks.chunkFetches} fetches)`);

    // Playback runs from one chunk into the next without a seek.
    const boundary = session.copyStarts[5] - session.startedAt;
    await page.evaluate(() => (window as unknown as { __gosightPlayer: { setSkipInactive(on: boolean): void } }).__gosightPlayer.setSkipInactive(false));
    await player.seek(page, boundary - 1_500);
    await player.setSpeed(page, 8);
    await player.play(page);
    await player.waitUntilPast(page, boundary + 2_000, 10_000);
    assert.equal(await player.state(page), 'playing');
    assert.ok((await player.hooks(page)).cachedChunks.includes(6), 'the chunk after the new one is preloaded');
    await page.context().close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
