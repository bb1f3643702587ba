import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { fetchManifest, waitFor } from '../api-client.js';
import { launchBrowser } from '../browser.js';
import { startServerProcess } from '../server-process.js';
import { FIDELITY_PAGES } from './pages.js';
import { recordPage, type RecordedPage } from './record.js';
import { playThroughStates, replayCheckpoints, type CheckpointResult } from './replay.js';
import { startFidelitySite } from './site-server.js';

export const MAX_DIFF_RATIO = 0.01;
const KEY = 'gs_fidelity_suite';

export interface ScenarioResult {
  scenario: 'site up' | 'site gone';
  checkpoints: CheckpointResult[];
  /** Requests the recorded site received while its sessions were replayed (none allowed with capture on). */
  siteRequests: string[];
}

export interface FidelityReport {
  scenarios: ScenarioResult[];
  /** Checkpoints whose DOM state after a seek differs from the state when playing through. */
  seekMismatches: { page: string; checkpoint: string; seek: string; playThrough: string }[];
  pages: { path: string; covers: string; sessionId: string; checkpoints: number }[];
  /** Captured assets: bytes each session's replay uses, and bytes stored once per project. */
  assetStorage: { perSession: { path: string; assets: number; bytes: number }[]; referencedBytes: number; storedBytes: number };
}

export const passes = (result: CheckpointResult): boolean => !result.blank && result.ratio <= MAX_DIFF_RATIO;

/**
 * The fidelity suite: records every page of the fidelity site through the SDK and a GoSight
 * server, replays each in the dashboard player (site up, then with the site's server stopped),
 * and compares screenshots and seek state with play-through state.
 */
export async function runFidelitySuite(outDir: string, log: (line: string) => void = () => undefined): Promise<FidelityReport> {
  const site = await startFidelitySite();
  // The site is on 127.0.0.1: capture must be allowed to fetch from a private host.
  const server = await startServerProcess({
    dataDir: mkdtempSync(join(tmpdir(), 'gosight-fidelity-')), projectKey: KEY,
    extraArgs: ['--capture-assets', 'true', '--capture-assets-from-private-hosts', 'true'],
  });
  const browser = await launchBrowser();
  let siteRunning = true;
  try {
    const recorded: RecordedPage[] = [];
    /**
     * Per session, the images and fonts the live page loaded: what capture must have before
     * the site goes. (Its stylesheet is in the recording itself: rrweb inlines same-origin CSS.)
     */
    const loaded = new Map<string, string[]>();
    for (const page of FIDELITY_PAGES) {
      site.resetRequests();
      const rec = await recordPage(browser, site.url, server.url, KEY, page);
      recorded.push(rec);
      loaded.set(rec.sessionId, site.requests().filter((r) => r.startsWith('GET /assets/') && !r.endsWith('.css')).map((r) => `${site.url}${r.slice(4)}`));
      log(`recorded ${page.path}`);
    }
    const offsets = new Map<string, (at: number) => number>();
    const durations = new Map<string, number>();
    const indexes = new Map<string, Record<string, { hash: string; bytes: number }>>();
    for (const rec of recorded) {
      const last = rec.checkpoints[rec.checkpoints.length - 1].at;
      const manifest = await waitFor(`session of ${rec.page.path} stored`, async () => {
        const m = await fetchManifest(server.url, rec.sessionId);
        // Stored up to the last checkpoint's events (the checkpoint itself may be later than the last event).
        return m && m.chunks.length > 0 && m.endedAt >= last - 1_000 ? m : undefined;
      }, 30_000, 250);
      offsets.set(rec.sessionId, (at) => Math.min(at - manifest.startedAt, manifest.durationMs));
      durations.set(rec.sessionId, manifest.durationMs);
      const expected = [...new Set(loaded.get(rec.sessionId))];
      await waitFor(`assets of ${rec.page.path} captured (${expected.join(', ')})`, async () => {
        const res = await fetch(`${server.url}/api/sessions/${rec.sessionId}/assets`);
        const index = res.ok ? ((await res.json()) as { assets: Record<string, { hash: string; bytes: number }> }).assets : {};
        indexes.set(rec.sessionId, index);
        return expected.every((url) => url in index) ? true : undefined;
      }, 30_000, 250);
    }
    const scenarios: ScenarioResult[] = [];
    const replayAll = async (scenario: ScenarioResult['scenario']): Promise<ScenarioResult> => {
      site.resetRequests();
      const checkpoints: CheckpointResult[] = [];
      let seed = 1;
      for (const rec of recorded) checkpoints.push(...(await replayCheckpoints(browser, server.url, rec, offsets.get(rec.sessionId)!, seed++, join(outDir, scenario.replace(' ', '-')))));
      log(`${scenario}: ${checkpoints.filter(passes).length} of ${checkpoints.length} checkpoints pass`);
      return { scenario, checkpoints, siteRequests: site.requests() };
    };
    scenarios.push(await replayAll('site up'));
    const seekMismatches = await compareWithPlayThrough(browser, server.url, recorded, offsets, durations, scenarios[0].checkpoints);
    await site.stop();
    siteRunning = false;
    scenarios.push(await replayAll('site gone'));
    const blobs = new Map<string, number>();
    for (const index of indexes.values()) for (const asset of Object.values(index)) blobs.set(asset.hash, asset.bytes);
    const perSession = recorded.map((rec) => {
      const assets = Object.values(indexes.get(rec.sessionId) ?? {});
      return { path: rec.page.path, assets: assets.length, bytes: assets.reduce((sum, a) => sum + a.bytes, 0) };
    });
    return {
      scenarios,
      seekMismatches,
      assetStorage: {
        perSession,
        referencedBytes: perSession.reduce((sum, s) => sum + s.bytes, 0),
        storedBytes: [...blobs.values()].reduce((sum, bytes) => sum + bytes, 0),
      },
      pages: recorded.map((rec) => ({ path: rec.page.path, covers: rec.page.covers, sessionId: rec.sessionId, checkpoints: rec.checkpoints.length })),
    };
  } finally {
    await browser.close();
    await server.stop();
    if (siteRunning) await site.stop();
  }
}

async function compareWithPlayThrough(
  browser: Browser,
  gosightUrl: string,
  recorded: RecordedPage[],
  offsets: Map<string, (at: number) => number>,
  durations: Map<string, number>,
  seeks: CheckpointResult[],
): Promise<FidelityReport['seekMismatches']> {
  const mismatches: FidelityReport['seekMismatches'] = [];
  for (const rec of recorded) {
    const states = await playThroughStates(browser, gosightUrl, rec, offsets.get(rec.sessionId)!, durations.get(rec.sessionId)!);
    for (const seek of seeks.filter((s) => s.page === rec.page.path)) {
      const playThrough = states.get(seek.checkpoint) ?? 'not reached';
      if (playThrough !== seek.domState) mismatches.push({ page: seek.page, checkpoint: seek.checkpoint, seek: seek.domState, playThrough });
    }
  }
  return mismatches;
}
