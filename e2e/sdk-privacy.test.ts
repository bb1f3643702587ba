import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RrwebEvent } from '@gosight/shared';
import { launchBrowser } from './support/browser.js';
import { fetchAllEvents, listSessions, waitFor } from './support/api-client.js';
import { startServerProcess } from './support/server-process.js';
import { sdkContext, sessionIdOf, until } from './support/sdk-page.js';
import { startFakeIngest, startFixtureServer } from './support/sdk-servers.js';
import { findSecret } from './support/secret-scan.js';

const KEY = 'gs_sdk_privacy_test';

/** Every secret the fixture page holds (e2e/fixtures/sdk/privacy.html) or the test types. None may leave the browser. */
const PAGE_SECRETS = [
  'SECRET-MASKCLASS-4T9', 'SECRET-MASKSELECTOR-8K2', 'SECRET-BLOCKTITLE-2W7', 'SECRET-BLOCKCLASS-5R1', 'SECRET-BLOCKSELECTOR-6P3',
  'SECRET-LINKTOKEN-3M8', 'SECRET-PREFILLED-9C4', 'SECRET-TEXTAREA-1D5', 'SECRET-HIDDEN-7B6', 'SECRET-COOKIE-4N1',
  'SECRET-QUERYKEY-5F2', 'SECRET-RESPONSE-8H3', 'SECRET-AUTHHEADER-2J9', 'SECRET-APIKEYHEADER-6L4', 'SECRET-BODYPASSWORD-3Q7',
  'SECRET-BODYCARD-9X1', 'SECRET-XHRQUERY-1V8', 'SECRET-XHRAUTH-4Z6', 'SECRET-XHRCOOKIE-7Y2', 'SECRET-FORMPASSWORD-2U5',
  'SECRET-FORMTOKEN-8E3', 'SECRET-CONSOLETOKEN-6G7', 'SECRET-TRAITPASSWORD-5S9', 'SECRET-EVENTKEY-3A4', 'SECRET-URLTOKEN-1K1',
];
const TYPED: Record<string, string> = {
  '#name': 'SECRET-TYPEDNAME-7H2',
  '#password': 'SECRET-TYPEDPASSWORD-4D8',
  '#email': 'secret-typed-mail-5m3@example.org',
  '#tel': 'SECRET-TYPEDTEL-2C6',
  '#card': '4000-0566-5566-5556',
  '#cvv': 'SECRET-TYPEDCVV-9B1',
  '#notes': 'SECRET-TYPEDNOTES-3N4',
  '#ignored': 'SECRET-TYPEDIGNORED-8P5',
};
const SECRETS = [...PAGE_SECRETS, ...Object.values(TYPED)];
/** With maskAllInputs off, ordinary fields are recorded by the site owner's choice; these stay secret regardless. */
const ORDINARY_FIELD_VALUES = ['SECRET-PREFILLED-9C4', 'SECRET-TEXTAREA-1D5', TYPED['#notes'], TYPED['#ignored']];
const ALWAYS_SECRET = SECRETS.filter((secret) => !ORDINARY_FIELD_VALUES.includes(secret));

/** Text that must reach the server: proof the checks are not vacuous and the page still replays. */
const VISIBLE = [
  'VISIBLE-HEADLINE', 'visible-intro-text', 'Reset password', 'reset?token=REDACTED', 'visible-trace-header', 'visible-request-id',
  'visible-body-note', 'visible-user', 'visible-response-field', 'visible-state', 'user-visible-42', 'checkout-step',
  'visible-unhandled-error', 'visible-rejection', 'visible-typed-city',
];

async function typeAll(page: Page, values: Record<string, string>): Promise<void> {
  for (const [selector, value] of Object.entries(values)) {
    await page.fill(selector, value);
    await page.press(selector, 'Tab'); // rrweb records inputs on change ('last' sampling)
  }
}

test('privacy: no secret leaves the browser, in any byte sent, while the page still replays', { timeout: 60_000 }, async () => {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-sdk-privacy-')), projectKey: KEY });
  const ingest = await startFakeIngest({ forwardTo: server.url });
  const site = await startFixtureServer();
  const browser = await launchBrowser();
  try {
    const base = { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250, maskTextSelector: '[data-private]', blockSelector: '#ad-slot' };

    // Tab A: defaults (every input masked) with network recording, bodies included.
    const tabA = await (await sdkContext(browser, { ...base, network: { recordBody: true } })).newPage();
    await tabA.goto(`${site.url}/privacy.html?token=SECRET-URLTOKEN-1K1&lang=en`);
    const sessionA = await sessionIdOf(tabA);
    await typeAll(tabA, TYPED);
    await tabA.evaluate(() => (window as unknown as { fixture: { network(): Promise<void> } }).fixture.network());
    await tabA.evaluate(() => (window as unknown as { fixture: { errors(): void; custom(): void } }).fixture.errors());
    await tabA.evaluate(() => (window as unknown as { fixture: { custom(): void } }).fixture.custom());
    await tabA.mouse.click(600, 20);
    await tabA.waitForTimeout(600); // network entries wait for their Resource Timing
    const replayAt = await tabA.evaluate(() => Date.now());
    await tabA.close({ runBeforeUnload: true });

    // Tab B: maskAllInputs off: ordinary fields are recorded, sensitive ones never.
    const tabB = await (await sdkContext(browser, { ...base, maskAllInputs: false })).newPage();
    await tabB.goto(`${site.url}/privacy.html`);
    const sessionB = await sessionIdOf(tabB);
    await typeAll(tabB, { ...TYPED, '#name': 'visible-typed-city' });
    await tabB.mouse.click(600, 20);
    await tabB.waitForTimeout(400);
    await tabB.close({ runBeforeUnload: true });

    await until('both sessions to be acknowledged', () => {
      const sessions = new Set([...ingest.accepted().values()].map((b) => b.sessionId));
      const everything = ingest.requests.map((r) => r.text).join('\n');
      return sessions.has(sessionA) && sessions.has(sessionB) && everything.includes('visible-typed-city') && everything.includes('visible-rejection');
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // any straggler

    // 1. Every byte the SDK sent: bodies as sent and decoded, URLs, headers, preflights.
    const bytes = (r: (typeof ingest.all)[number]) => [r.method, r.url, JSON.stringify(r.headers), r.raw.toString('latin1'), r.text].join('\n');
    const ofTabB = (r: (typeof ingest.all)[number]) => r.batch?.sessionId === sessionB;
    const sentA = ingest.all.filter((r) => !ofTabB(r)).map(bytes).join('\n');
    const sentB = ingest.all.filter(ofTabB).map(bytes).join('\n');
    // Each secret as typed, URL-encoded, JSON-escaped and base64.
    const leaks = [...SECRETS.filter((secret) => findSecret(sentA, secret)), ...ALWAYS_SECRET.filter((secret) => findSecret(sentB, secret))];
    assert.deepEqual(leaks, [], `secrets that left the browser: ${leaks.join(', ')}`);
    assert.ok(sentB.includes('SECRET-PREFILLED-9C4'), 'maskAllInputs: false does record ordinary fields');
    const decoded = ingest.requests.map((r) => r.text).join('\n');
    const missing = VISIBLE.filter((text) => !decoded.includes(text));
    assert.deepEqual(missing, [], `visible content that did not arrive: ${missing.join(', ')}`);
    assert.ok(ingest.requests.some((r) => r.headers['content-encoding'] === 'gzip'), 'batches are gzipped');
    assert.ok(decoded.includes('*'.repeat('SECRET-MASKCLASS-4T9'.length)), 'masked text is replaced by stars of the same length');
    assert.equal(ingest.requests.filter((r) => r.status !== 200).length, 0, 'the real server accepted every batch');

    // 2. The real server stored it: read it back through the API.
    const stored = await waitFor('both sessions to be stored', async () => {
      const list = await listSessions(server.url);
      const a = list.sessions.find((s) => s.sessionId === sessionA);
      const b = list.sessions.find((s) => s.sessionId === sessionB);
      return a && b && a.errorCount >= 3 && a.endedAt >= replayAt - 1000 ? { a, b } : undefined;
    }, 20_000, 250);
    assert.equal(stored.a.firstUrl.includes('SECRET'), false, stored.a.firstUrl);
    assert.equal(stored.a.userId, 'user-visible-42', 'identify() reached the session');
    const { chunks } = await fetchAllEvents(server.url, sessionA);
    const events: RrwebEvent[] = chunks.flat();
    const storedText = JSON.stringify(events);
    assert.deepEqual(SECRETS.filter((secret) => findSecret(storedText, secret)), []);
    assert.ok(storedText.includes('user-visible-42') && storedText.includes('$identify'));

    // 3. It replays: masked text as stars, blocked elements as same-size placeholders, the rest as it was.
    const player = await browser.newPage();
    await player.goto(`${site.url}/replay.html`);
    const offset = Math.max(0, replayAt - events[0].timestamp - 200);
    // (No named helpers inside evaluate: tsx would wrap them in a __name() the page lacks.)
    const replay = await player.evaluate(async ({ events, offset }) => {
      const doc = await (window as unknown as { replayAt(e: unknown[], o: number): Promise<Document> }).replayAt(events, offset);
      const texts = Object.fromEntries(['headline', 'intro', 'masked', 'masked-by-selector', 'status']
        .map((id) => [id, doc.getElementById(id)?.textContent ?? null]));
      const blocked = doc.querySelector('.gosight-block') as HTMLElement | null;
      return {
        texts,
        blocked: blocked ? { text: blocked.textContent, width: blocked.style.width, height: blocked.style.height, className: blocked.className } : null,
        // A blocked element keeps only its class and size: the blockSelector one (#ad-slot) loses its id too.
        placeholders: Array.from(doc.querySelectorAll('.box')).filter((el) => el.textContent === '' && (el as HTMLElement).style.width === '322px').length,
        reset: doc.getElementById('reset')?.getAttribute('href') ?? null,
        inputs: Array.from(doc.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value),
        html: doc.documentElement.outerHTML,
      };
    }, { events, offset });
    await player.close();
    assert.deepEqual(replay.texts, {
      headline: 'VISIBLE-HEADLINE',
      intro: 'This paragraph is visible-intro-text and must replay.',
      masked: '*'.repeat('SECRET-MASKCLASS-4T9'.length),
      'masked-by-selector': '*'.repeat('SECRET-MASKSELECTOR-8K2'.length),
      status: 'network done',
    });
    assert.deepEqual(replay.blocked, { text: '', width: '322px', height: '42px', className: 'box gosight-block' });
    assert.equal(replay.placeholders, 2, 'the gosight-block element and the blockSelector one');
    assert.equal(replay.reset, `${site.url}/reset?token=REDACTED&lang=en`);
    assert.ok(replay.inputs.every((value) => /^\**$/.test(value)), `replayed input values: ${replay.inputs.join(' | ')}`);
    assert.deepEqual(SECRETS.filter((secret) => replay.html.includes(secret)), []);
    console.log(`privacy: ${ingest.all.length} requests (${ingest.requests.length} batches, ${ingest.all.reduce((n, r) => n + r.raw.length, 0)} bytes) checked for ${SECRETS.length} secrets (${ALWAYS_SECRET.length} with maskAllInputs off): none found; ${VISIBLE.length} visible markers arrived; replay shows masked text as stars and blocked elements as ${replay.blocked?.width} x ${replay.blocked?.height} placeholders`);
  } finally {
    await browser.close();
    await site.close();
    await ingest.close();
    await server.stop();
  }
});
