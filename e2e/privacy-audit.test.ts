import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RrwebEvent } from '@gosight/shared';
import { launchBrowser } from './support/browser.js';
import { fetchAllEvents, listSessions, postBatch, waitFor, waitForStored } from './support/api-client.js';
import { comparePngs } from './support/pixels.js';
import { startServerProcess } from './support/server-process.js';
import { sdkContext, sessionIdOf, until } from './support/sdk-page.js';
import { startFakeIngest, startFixtureServer, type FakeIngest } from './support/sdk-servers.js';
import { findSecret, readQueueFiles } from './support/secret-scan.js';

const KEY = 'gs_privacy_audit_test';
const OUT_DIR = join(tmpdir(), 'gosight-privacy-audit');

/**
 * Every secret e2e/fixtures/sdk/privacy-audit.html holds or the test types, by the place it
 * sits in. None may leave the browser or be stored, in any encoding.
 */
const PLACES: [place: string, secrets: string[]][] = [
  ['typed into a contenteditable editor', ['SECRET-EDITORTYPED-3V6', 'SECRET-EDITORPREFILLED-5B3']],
  ['typed into contenteditable=plaintext-only', ['SECRET-PLAINEDITOR-7J9']],
  ['typed into a role=textbox widget', ['SECRET-TEXTBOX-4G2']],
  ['console.error "…, token=…"', ['SECRET-CONSOLEEQ-3K8']],
  ['console.warn "password: …"', ['SECRET-CONSOLECOLON-6D1']],
  ['console.warn "credential …"', ['SECRET-CONSOLESPACED-9A4']],
  ['console.error "Bearer …"', ['SECRET-CONSOLEBEARER-2X5']],
  ['console.error JWT', ['SECRET-JWTSIG-4U0', 'SECRET-JWTPAYLOAD-1Q7']],
  ['console.error card number', ['4000 0566 5566 5556', '4000056655665556']],
  ['console.error 64-digit hex token', ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']],
  ['console.error object { password }', ['SECRET-CONSOLEOBJ-8S2']],
  ['thrown Error "refresh_token=…"', ['SECRET-THROWN-5L6']],
  ['unhandled rejection "(code=…)"', ['SECRET-REJECTION-7N2']],
  ['<meta name=csrf-token>, api-key, and a refreshed token', ['SECRET-METACSRF-5V2', 'SECRET-METAAPIKEY-8L3', 'SECRET-METAREFRESH-7O1']],
  ['<img src> ?access_token=, srcset, changed src', ['SECRET-IMGTOKEN-2R6', 'SECRET-SRCSETTOKEN-9K4', 'SECRET-IMGCHANGED-1A2']],
  ['CSS url() in <style> and style=""', ['SECRET-CSSSIG-4E8', 'SECRET-STYLEKEY-6M1']],
  ['masked element: title, data-*, aria-label', ['SECRET-MASKTITLE-3H7', 'SECRET-MASKDATA-7P2', 'SECRET-MASKARIA-1C9']],
  ['inside a masked element: alt, placeholder, value', ['SECRET-MASKALT-8T3', 'SECRET-MASKPLACEHOLDER-5Z1', 'SECRET-MASKVALUE-2G8']],
  ['masked element: added child, changed title', ['SECRET-ADDEDTITLE-2E6', 'SECRET-ADDEDTEXT-5Y8', 'SECRET-CHANGEDTITLE-4I3']],
  ['masked element text', ['SECRET-MASKTEXT-4Q5']],
  ['blocked element: text and attributes', ['SECRET-BLOCKTEXT-9W7', 'SECRET-BLOCKTITLE-6N4', 'SECRET-BLOCKDATA-3J2']],
  ['custom event string, identify traits', ['SECRET-EVENTTEXT-9R1', 'SECRET-TRAIT-3W5']],
  ['inputs: card, password, hidden', ['5555555555554444', 'SECRET-TYPEDPASSWORD-8F1', 'SECRET-HIDDENCSRF-1F6']],
  ['page URL and link ?token=', ['SECRET-PAGEURL-8C2', 'SECRET-LINKTOKEN-7D4']],
  ['request: URL, Authorization, bodies, response', ['SECRET-NETQUERY-2P9', 'SECRET-NETAUTH-8B1', 'SECRET-NETBODY-1H3', 'SECRET-NETBODYTEXT-6T9', 'SECRET-NETRESPONSE-4M6']],
];
const SECRETS = PLACES.flatMap(([, secrets]) => secrets);

/** Content that must arrive and be stored: proof the scan is not vacuous. */
const VISIBLE = [
  'VISIBLE-AUDIT-HEADLINE', 'visible-title-attribute', 'visible-plan-pro', 'visible-avatar-alt', 'visible-resource-param',
  'visible-style-param', 'visible-reset-link', 'visible-meta-description', 'visible-user-bob',
  'visible-warn-prefix', 'visible-jwt-prefix', 'visible-card-prefix', 'visible-hex-prefix', 'visible-object-user',
  'visible-element-prefix', '<div#masked-card.box.gosight-mask>', 'Token refresh failed', 'OAuth exchange failed', 'visible-user-42', 'visible-trait-plan', 'visible-chat', 'visible-added-later',
  'visible-network-done',
];
const VISIBLE_WITH_NETWORK = ['visible-order-note'];

type Mode = 'default options' | 'network recording on';

interface Recorded {
  mode: Mode;
  sessionId: string;
  endedAt: number;
  publicPng?: Buffer;
}

async function recordVisit(browser: Browser, ingest: FakeIngest, siteUrl: string, mode: Mode): Promise<Recorded> {
  const network = mode === 'network recording on' ? { network: { recordBody: true } } : {};
  const context = await sdkContext(browser, { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250, ...network });
  const page = await context.newPage();
  await page.goto(`${siteUrl}/privacy-audit.html?token=SECRET-PAGEURL-8C2&lang=en`);
  const sessionId = await sessionIdOf(page);
  await typeInto(page, '#editor', ' SECRET-EDITORTYPED-3V6');
  await typeInto(page, '#plain-editor', 'SECRET-PLAINEDITOR-7J9');
  await typeInto(page, '#textbox', 'SECRET-TEXTBOX-4G2');
  await page.fill('#card', '5555 5555 5555 4444');
  await page.fill('#password', 'SECRET-TYPEDPASSWORD-8F1');
  await page.press('#password', 'Tab');
  await page.evaluate(() => (window as unknown as { audit: { consoleAndErrors(): void } }).audit.consoleAndErrors());
  await page.evaluate(() => (window as unknown as { audit: { network(): Promise<void> } }).audit.network());
  await page.evaluate(() => (window as unknown as { audit: { custom(): void; mutate(): void } }).audit.custom());
  await page.evaluate(() => (window as unknown as { audit: { mutate(): void } }).audit.mutate());
  const ofSession = () => ingest.requests.filter((r) => r.batch?.sessionId === sessionId).map((r) => r.text).join('\n');
  await until(`the ${mode} visit's markers to reach the ingest`, () => {
    const sent = ofSession();
    return ['visible-added-later', 'OAuth exchange failed', 'Token refresh failed', 'visible-chat', 'visible-network-done']
      .every((marker) => sent.includes(marker)) && (!network.network || sent.includes('visible-order-note'));
  });
  const publicPng = await page.locator('#public').screenshot();
  const endedAt = await page.evaluate(() => Date.now());
  // Closing runs pagehide: the last batch goes out as a keepalive fetch or a beacon, and is scanned too.
  await page.close({ runBeforeUnload: true });
  await context.close();
  return { mode, sessionId, endedAt, publicPng };
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/**
 * An SDK that scrubs nothing (an old version, or a hand-written client) sends secrets in
 * every free-text field the processor copies; the ingest's second line must keep them out
 * of the queue, the chunk, the derived events and the session list.
 */
const OLD_SDK_SECRETS = ['SECRET-OLDURL-1B4', 'SECRET-OLDCONSOLE-5K7', 'SECRET-OLDERROR-3M2', 'SECRET-OLDEVENT-8N6', 'SECRET-OLDNET-2Q9'];
function oldSdkBatch(sessionId: string, now: number) {
  return {
    sessionId, seq: 0,
    events: [
      { type: 4, timestamp: now - 3000, data: { href: 'https://shop.example/welcome?session_token=SECRET-OLDURL-1B4', width: 1024, height: 768 } },
      { type: 2, timestamp: now - 2999, data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [] }] }, initialOffset: { top: 0, left: 0 } } },
      { type: 6, timestamp: now - 2000, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [JSON.stringify('Login failed for old-visible-user, token=SECRET-OLDCONSOLE-5K7')], trace: [] } } },
      { type: 6, timestamp: now - 1500, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [JSON.stringify('Uncaught Error: refresh failed: password: SECRET-OLDERROR-3M2')], trace: ['at https://shop.example/app.js?key=SECRET-OLDERROR-3M2:1:1'] } } },
      { type: 5, timestamp: now - 1000, data: { tag: 'old-visible-event', payload: { text: 'Bearer SECRET-OLDEVENT-8N6', apiKey: 'SECRET-OLDEVENT-8N6' } } },
      { type: 6, timestamp: now - 500, data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: 'https://api.example/x?access_token=SECRET-OLDNET-2Q9', method: 'GET', status: 200, startTime: 1, endTime: 2, requestHeaders: { Authorization: 'SECRET-OLDNET-2Q9' } }] } } },
    ],
  };
}

test('privacy audit: secrets planted in every place a page keeps them; none is sent or stored, in any encoding', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gosight-privacy-audit-'));
  const server = await startServerProcess({ dataDir, projectKey: KEY });
  const ingest = await startFakeIngest({ forwardTo: server.url });
  const site = await startFixtureServer();
  const browser = await launchBrowser();
  let stopped = false;
  try {
    const visits: Recorded[] = [];
    for (const mode of ['default options', 'network recording on'] as const) visits.push(await recordVisit(browser, ingest, site.url, mode));
    const oldSessionId = '7d3c0a52-1e2f-4a5b-8c6d-9e0f1a2b3c4d';
    const posted = await postBatch(server.url, KEY, oldSdkBatch(oldSessionId, Date.now()));
    assert.equal(posted.status, 200, posted.text);

    await until('every visit to be acknowledged', () => {
      const sessions = new Set([...ingest.accepted().values()].map((b) => b.sessionId));
      return visits.every((v) => sessions.has(v.sessionId));
    });
    assert.equal(ingest.requests.filter((r) => r.status !== 200).length, 0, 'the real server accepted every batch');
    // Everything acked is stored before it is read back: the queue is drained and the processor holds nothing unwritten.
    await waitForStored(server.url);

    // What the server stored, read back through the API: chunks, derived events, the session list.
    const stored = new Map<string, string>();
    for (const sessionId of [...visits.map((v) => v.sessionId), oldSessionId]) {
      const visit = visits.find((v) => v.sessionId === sessionId);
      const row = await waitFor(`session ${sessionId} to be stored`, async () => {
        const list = await listSessions(server.url);
        const found = list.sessions.find((s) => s.sessionId === sessionId);
        return found && (!visit || (found.errorCount >= 8 && found.endedAt >= visit.endedAt - 1000)) ? found : undefined;
      }, 30_000, 250);
      const { chunks } = await fetchAllEvents(server.url, sessionId);
      const derived = await (await fetch(`${server.url}/api/sessions/${sessionId}/events`)).text();
      stored.set(sessionId, [JSON.stringify(row), JSON.stringify(chunks), derived].join('\n'));
      if (visit) visit.endedAt = Math.max(visit.endedAt, row.endedAt);
    }
    const replayEvents = (await fetchAllEvents(server.url, visits[0].sessionId)).chunks.flat();
    await server.stop();
    stopped = true;
    const queue = readQueueFiles(join(dataDir, 'queue'));
    /** A session's queued batches, decoded, and the raw bytes of every queue file. */
    const queueText = (sessionId: string) => queue.batches.filter((b) => b.key === sessionId || b.key === '').map((b) => b.text).join('\n');

    // The scan: each place, each mode, every byte sent (also preflights and the exit beacon) and stored.
    const rows: string[] = [];
    const leaks: string[] = [];
    let sentBytes = 0;
    for (const visit of visits) {
      const requests = ingest.all.filter((r) => !r.batch || r.batch.sessionId === visit.sessionId);
      sentBytes += requests.reduce((n, r) => n + r.raw.length, 0);
      const sent = requests.map((r) => [r.method, r.url, JSON.stringify(r.headers), r.raw.toString('latin1'), r.text].join('\n')).join('\n');
      const kept = stored.get(visit.sessionId)!;
      const queued = queueText(visit.sessionId);
      for (const [place, secrets] of PLACES) {
        const found = secrets.flatMap((secret) => {
          const where = [['sent', sent], ['stored', kept], ['queue', queued]]
            .filter(([, bytes]) => findSecret(bytes, secret) !== undefined).map(([name]) => name);
          return where.length > 0 ? [`${secret} (${where.join(', ')})`] : [];
        });
        rows.push(`| ${place} | ${visit.mode} | ${found.length === 0 ? 'held' : `LEAKED: ${found.join('; ')}`} |`);
        leaks.push(...found.map((f) => `${visit.mode}: ${place}: ${f}`));
      }
      const decoded = requests.map((r) => r.text).join('\n');
      const expected = visit.mode === 'network recording on' ? [...VISIBLE, ...VISIBLE_WITH_NETWORK] : VISIBLE;
      const missingSent = expected.filter((marker) => !decoded.includes(marker));
      const missingStored = expected.filter((marker) => !kept.includes(marker));
      assert.deepEqual(missingSent, [], `${visit.mode}: visible content that was not sent`);
      assert.deepEqual(missingStored, [], `${visit.mode}: visible content that was not stored`);
      assert.ok(decoded.includes('*'.repeat('SECRET-EDITORTYPED-3V6'.length)), `${visit.mode}: typed editor text arrives as stars`);
    }
    const oldFound = OLD_SDK_SECRETS.filter((secret) => findSecret(stored.get(oldSessionId)!, secret) || findSecret(queueText(oldSessionId), secret));
    rows.push(`| an SDK that scrubs nothing: page URL, console, error, custom event, request | posted directly | ${oldFound.length === 0 ? 'held' : `LEAKED: ${oldFound.join(', ')}`} |`);
    leaks.push(...oldFound.map((secret) => `old SDK: ${secret}`));
    assert.ok(stored.get(oldSessionId)!.includes('old-visible-user') && stored.get(oldSessionId)!.includes('old-visible-event'), 'the scrubbed batch is stored');

    console.log(['| Place | Mode | Result |', '|---|---|---|', ...rows].join('\n'));
    console.log(`privacy audit: ${SECRETS.length} secrets in ${PLACES.length} places (+${OLD_SDK_SECRETS.length} from an SDK that scrubs nothing); `
      + `${ingest.all.length} requests (${sentBytes} bytes as sent) and ${queue.rawBytes} bytes of queue files scanned, each secret as typed, URL-encoded, JSON-escaped and base64`);
    assert.deepEqual(leaks, []);

    // Unmasked content replays pixel for pixel; masked content replays as stars; clean resource URLs still load.
    const player = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await player.goto(`${site.url}/replay.html`);
    // The end of the recording: every change made, the page as it was when it closed.
    const times = replayEvents.map((e) => e.timestamp);
    const offset = Math.max(...times) - Math.min(...times);
    const replay = await player.evaluate(async ({ events, offset }) => {
      const doc = await (window as unknown as { replayAt(e: unknown[], o: number): Promise<Document> }).replayAt(events, offset);
      const logo = doc.getElementById('logo') as HTMLImageElement | null;
      for (let i = 0; i < 50 && logo && !logo.complete; i++) await new Promise((r) => setTimeout(r, 50));
      return {
        editor: doc.getElementById('editor')?.textContent ?? null,
        maskedTitle: doc.getElementById('masked-card')?.getAttribute('title') ?? null,
        logoSrc: logo?.getAttribute('src') ?? null,
        logoLoaded: logo ? logo.naturalWidth : 0,
        csrf: doc.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? null,
      };
    }, { events: replayEvents, offset });
    assert.match(replay.editor ?? '', /^\*+ \*+$/, 'the typed editor replays as stars');
    assert.equal(replay.maskedTitle, '*'.repeat('SECRET-CHANGEDTITLE-4I3'.length));
    assert.match(replay.logoSrc ?? '', /\/img\/logo\.png\?w=visible-resource-param&session=REDACTED$/);
    assert.equal(replay.logoLoaded, 48, 'a resource whose secret parameter was redacted still loads');
    assert.equal(replay.csrf, '[REDACTED]');
    const frame = player.frames().find((f) => f !== player.mainFrame());
    assert.ok(frame, 'the replay iframe');
    const replayedPng = await frame.locator('#public').screenshot();
    const diff = comparePngs(visits[0].publicPng!, replayedPng, OUT_DIR, 'public-section');
    console.log(`privacy audit: unmasked section replays with ${diff.differing} of ${diff.width * diff.height} pixels differing`);
    assert.ok(diff.ratio <= 0.01, `${(diff.ratio * 100).toFixed(2)}% of the unmasked section's pixels differ; see ${OUT_DIR}`);
    await player.close();
  } finally {
    await browser.close();
    await site.close();
    await ingest.close();
    if (!stopped) await server.stop();
  }
});
