import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventType, IncrementalSource } from '@gosight/shared';
import { launchBrowser } from './support/browser.js';
import { sdkContext, sessionIdOf, until } from './support/sdk-page.js';
import { startFakeIngest, startFixtureServer, type FakeIngest } from './support/sdk-servers.js';

const KEY = 'gs_sdk_inputs_test';

/** Values of Input events the ingest received for a session, in order. */
function inputValues(ingest: FakeIngest, sessionId: string): string[] {
  return ingest.requests.filter((r) => r.batch?.sessionId === sessionId).flatMap((r) => r.batch!.events)
    .filter((e) => e.type === EventType.IncrementalSnapshot && (e.data as { source?: number }).source === IncrementalSource.Input)
    .map((e) => String((e.data as { text?: unknown }).text));
}

/**
 * `inputValues`: as typed (the default), text typed but not yet committed reaches the
 * recording keystroke by keystroke; on change, only once the field is committed. Masking
 * holds either way.
 */
test('SDK: input values are recorded as typed by default, on change when asked, masked either way', { timeout: 60_000 }, async () => {
  const ingest = await startFakeIngest();
  const site = await startFixtureServer();
  const browser = await launchBrowser();
  try {
    const base = { endpoint: ingest.url, projectKey: KEY, flushIntervalMs: 250, maskAllInputs: false };
    const visit = async (options: Record<string, unknown>) => {
      const page = await (await sdkContext(browser, { ...base, ...options })).newPage();
      await page.goto(`${site.url}/privacy.html`);
      const sessionId = await sessionIdOf(page);
      await page.click('#name');
      await page.keyboard.type('abc');
      await page.click('#password');
      await page.keyboard.type('pw1');
      return { page, sessionId };
    };

    const typed = await visit({});
    await until('the typed, uncommitted text to arrive', () => inputValues(ingest, typed.sessionId).includes('abc'));
    const values = inputValues(ingest, typed.sessionId);
    assert.deepEqual(values.filter((v) => !v.startsWith('*')), ['a', 'ab', 'abc'], 'an ordinary field, keystroke by keystroke');
    await until('the password keystrokes', () => inputValues(ingest, typed.sessionId).includes('***'));
    assert.ok(!inputValues(ingest, typed.sessionId).some((v) => v.includes('pw')), 'a password field stays masked as typed');
    await typed.page.close();

    const onChange = await visit({ inputValues: 'on-change' });
    await onChange.page.evaluate(() => (window as unknown as { GoSight: { flush(): Promise<void> } }).GoSight.flush());
    // #name was committed when #password took focus; the password typed since is not yet.
    assert.deepEqual(inputValues(ingest, onChange.sessionId), ['abc'], 'nothing of a field before it is committed');
    await onChange.page.click('#tel');
    await onChange.page.evaluate(() => (window as unknown as { GoSight: { flush(): Promise<void> } }).GoSight.flush());
    assert.deepEqual(inputValues(ingest, onChange.sessionId), ['abc', '***'], 'one value per committed field');
    await onChange.page.close();
  } finally {
    await browser.close();
    await site.close();
    await ingest.close();
  }
});
