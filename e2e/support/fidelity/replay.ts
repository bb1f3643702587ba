import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { comparePngs } from '../pixels.js';
import { SERIALIZE_REPLAY_DOM } from './dom-state.js';
import { openPlayer, type Hooked } from '../player-recording.js';
import type { RecordedPage } from './record.js';

/** One checkpoint of one page, replayed. */
export interface CheckpointResult {
  page: string;
  checkpoint: string;
  /** Share of pixels that differ from the live screenshot (pixelmatch, threshold 0.1). */
  ratio: number;
  /** The replay drew nothing (one colour): a failure whatever the ratio. */
  blank: boolean;
  /** The replayed DOM state after the seek (see dom-state.ts). */
  domState: string;
}



/** Deterministic shuffle (mulberry32), so every run seeks in the same "random" order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function isBlank(png: Buffer): boolean {
  const { data } = PNG.sync.read(png);
  for (let i = 4; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return false;
  }
  return true;
}

/** Opens the dashboard player on a session, large enough for scale 1, without rrweb's cursor. */
export async function openPlayerAtScale1(browser: Browser, gosightUrl: string, sessionId: string): Promise<Page> {
  const page = await openPlayer(browser, gosightUrl, sessionId, { contextOptions: { viewport: { width: 1500, height: 1100 } } });
  // rrweb draws its own cursor and trail over the iframe; they are not part of the page.
  await page.addStyleTag({ content: '.replayer-mouse, .replayer-mouse-tail { display: none !important; }' });
  return page;
}

/**
 * Replays one recorded page in the player at scale 1, seeking to its checkpoints in a
 * shuffled order, and compares each with the live screenshot.
 */
export async function replayCheckpoints(browser: Browser, gosightUrl: string, recorded: RecordedPage, offsetOf: (at: number) => number, seed: number, outDir: string): Promise<CheckpointResult[]> {
  const page = await openPlayerAtScale1(browser, gosightUrl, recorded.sessionId);
  try {
    const results: CheckpointResult[] = [];
    for (const live of shuffled(recorded.checkpoints, seed)) {
      await page.evaluate((ms) => (window as unknown as Hooked).__gosightPlayer.seek(ms), offsetOf(live.at));
      // seek() resolves once the frame is painted; images and fonts the replay loads arrive after.
      await page.waitForFunction(() => {
        const doc = (window as unknown as Hooked).__gosightPlayer.iframe()?.contentDocument;
        return !!doc && Array.from(doc.images).every((img) => img.complete) && doc.fonts.status === 'loaded';
      });
      const png = await page.locator('[data-testid="replay-root"] iframe').first().screenshot();
      const name = `${recorded.page.path.replace('.html', '')}-${live.name}`;
      const diff = comparePngs(live.png, png, outDir, name);
      const domState = await page.evaluate(SERIALIZE_REPLAY_DOM) as string;
      results.push({ page: recorded.page.path, checkpoint: live.name, ratio: diff.ratio, blank: isBlank(png), domState });
    }
    return results;
  } finally {
    await page.context().close().catch(() => undefined);
  }
}

/**
 * rrweb applies an event on the animation frame after its time has come, and animates
 * scrolls smoothly while playing: the play-through state is taken this long after each
 * checkpoint, still inside the quiet time after it (record.ts).
 */
const PLAY_THROUGH_LAG_MS = 100;

/** In the player page: plays from 0 and serialises the DOM as the playhead passes each offset. */
const PLAY_THROUGH = `async (offsets, durationMs) => {
  const player = window.__gosightPlayer;
  player.setSkipInactive(false);
  await player.seek(0);
  const taken = [];
  const pending = [...offsets].sort((a, b) => a.offset - b.offset);
  player.play();
  await new Promise((resolve) => {
    function check() {
      const now = player.currentTime();
      while (pending.length > 0 && now >= Math.min(pending[0].offset + ${PLAY_THROUGH_LAG_MS}, durationMs)) taken.push([pending.shift().name, ${SERIALIZE_REPLAY_DOM}]);
      if (pending.length === 0) resolve();
      else requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  });
  player.pause();
  return taken;
}`;

/**
 * Plays the session through from the start (skip inactivity off) and takes the DOM state as
 * the playhead passes each checkpoint: the reference a seek must match.
 */
export async function playThroughStates(browser: Browser, gosightUrl: string, recorded: RecordedPage, offsetOf: (at: number) => number, durationMs: number): Promise<Map<string, string>> {
  const page = await openPlayerAtScale1(browser, gosightUrl, recorded.sessionId);
  try {
    const offsets = recorded.checkpoints.map((c) => ({ name: c.name, offset: offsetOf(c.at) }));
    // As a string: functions compiled by tsx carry helpers that do not exist in the page.
    const states = await page.evaluate(`(${PLAY_THROUGH})(${JSON.stringify(offsets)}, ${durationMs})`) as [string, string][];
    return new Map(states);
  } finally {
    await page.context().close().catch(() => undefined);
  }
}
