import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';
import { startServerProcess } from './support/server-process.js';
import { launchBrowser } from './support/browser.js';
import { fetchAllEvents } from './support/api-client.js';
import { openPlayer, player, recordDemoSession } from './support/player-recording.js';

const KEY = 'gs_player_mobile';
const PHONE = { width: 390, height: 844 };
const TOUCH_START = 7;

interface TouchData {
  source: number;
  type?: number;
  x?: number;
  y?: number;
  positions?: Array<{ x: number; y: number; timeOffset: number }>;
}

/**
 * Mobile replay (spec §9): a session recorded on a phone-sized touch screen (taps and a
 * swipe) is scaled to fit the player, and its touches are drawn as points and trails.
 */
test('player: a phone recording fits the player and shows its taps and swipes', { timeout: 90_000 }, async () => {
  const server = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), 'gosight-player-mobile-')), projectKey: KEY });
  const browser = await launchBrowser();
  try {
    const recording = await recordDemoSession(
      browser,
      server.url,
      async (page, mark) => {
        await page.tap('#name');
        await page.keyboard.type('Milk');
        await mark('add');
        await page.tap('#add');
        await page.waitForTimeout(400);
        // A slow upward swipe in the middle of the screen: the page scrolls.
        const cdp = await page.context().newCDPSession(page);
        const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) =>
          cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] });
        await mark('swipe');
        await touch('touchStart', 640);
        for (let step = 1; step <= 16; step++) {
          await touch('touchMove', 640 - step * 25);
          await page.waitForTimeout(50);
        }
        await touch('touchEnd', 240);
        await page.waitForTimeout(800);
        await page.tap('#remove');
        await page.waitForTimeout(300);
        // Turned to landscape: the recording's viewport changes mid-session.
        await mark('rotate');
        await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
        await page.waitForTimeout(400);
        await page.tap('#add');
        await page.waitForTimeout(300);
      },
      { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    );
    const { chunks } = await fetchAllEvents(server.url, recording.sessionId);
    const events = chunks.flat();
    const touchData = (event: RrwebEvent) => event.data as TouchData;
    const tap = events.find(
      (event) => event.type === EventType.IncrementalSnapshot && touchData(event).source === IncrementalSource.MouseInteraction && touchData(event).type === TOUCH_START && event.timestamp >= recording.marks.add,
    );
    assert.ok(tap, 'the SDK recorded the tap on "Add item" as a touch start');
    const move = events.find(
      (event) => event.type === EventType.IncrementalSnapshot && touchData(event).source === IncrementalSource.TouchMove && (touchData(event).positions?.length ?? 0) >= 3 && event.timestamp >= recording.marks.swipe,
    );
    assert.ok(move, 'the SDK recorded the swipe as touch moves');

    const page = await openPlayer(browser, server.url, recording.sessionId, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    const startedAt = await player.startedAt(page);

    // Fits: scaled down by its height, the whole phone screen inside the stage, proportions kept.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="replay-stage"]')?.getAttribute('data-scale')) < 1);
    const stage = await page.locator('[data-testid="replay-stage"]').boundingBox();
    const frame = await page.locator('[data-testid="replay-frame"]').boundingBox();
    assert.ok(stage && frame, `stage ${JSON.stringify(stage)} frame ${JSON.stringify(frame)}`);
    assert.ok(frame.y >= stage.y && frame.y + frame.height <= stage.y + stage.height + 0.5, `frame ${JSON.stringify(frame)} inside stage ${JSON.stringify(stage)}`);
    assert.ok(frame.x >= stage.x && frame.x + frame.width <= stage.x + stage.width);
    assert.ok(Math.abs(frame.width / frame.height - PHONE.width / PHONE.height) < 0.01, 'the aspect ratio is the phone’s');
    assert.ok(frame.height > stage.height - 40, 'it uses the stage’s height');
    const scale = Number(await page.getAttribute('[data-testid="replay-stage"]', 'data-scale'));
    assert.ok(Math.abs(scale - frame.height / PHONE.height) < 0.01);
    assert.equal(await page.getAttribute('[data-testid="replay-frame"]', 'data-device'), 'phone');

    // A tap: a touch point where the finger went down, over the replayed button.
    await player.seek(page, tap.timestamp - startedAt + 60);
    const point = page.locator('[data-testid="touch-point"]');
    await point.first().waitFor({ state: 'attached' });
    // The newest point is this tap (the tap into the name field may still be fading out).
    const [cx, cy] = (await point.last().evaluate((node) => [Number(node.getAttribute('cx')), Number(node.getAttribute('cy'))])) as [number, number];
    const button = await page.evaluate(() => {
      const iframe = document.querySelector('[data-testid="replay-root"] iframe') as HTMLIFrameElement;
      return iframe.contentDocument!.querySelector('#add')!.getBoundingClientRect().toJSON() as { left: number; top: number; right: number; bottom: number };
    });
    assert.ok(cx >= button.left && cx <= button.right && cy >= button.top && cy <= button.bottom, `touch at ${cx},${cy} is on the button ${JSON.stringify(button)}`);
    const drawn = await point.last().boundingBox();
    assert.ok(drawn && Math.abs(drawn.width - 30 * scale) < 6, 'a 30 px point, scaled with the replay');

    // A swipe: a trail along the finger's path.
    await player.seek(page, move.timestamp - startedAt + 1);
    const trail = page.locator('[data-testid="touch-trail"]');
    await trail.first().waitFor({ state: 'attached' });
    const points = (await trail.first().getAttribute('points'))!.split(' ').map((pair) => pair.split(',').map(Number));
    assert.ok(points.length >= 3, `${points.length} trail points`);
    assert.ok(points.every(([x]) => Math.abs(x - 200) < 2), 'straight up at x = 200');
    assert.ok(points[0][1] > points[points.length - 1][1], 'drawn in the direction of the swipe');
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/player/player-mobile.png', import.meta.url)) });

    // Once the gesture is over its trail fades: nothing is left a few seconds later.
    await player.seek(page, recording.marks.rotate - startedAt - 1);
    assert.equal(await page.locator('[data-testid="touch-trail"]').count(), 0);

    // After the rotation the replay takes the landscape viewport and fits it again.
    const landscape = { width: PHONE.height, height: PHONE.width };
    await player.seek(page, recording.marks.rotate - startedAt + 700);
    await page.waitForFunction(
      (ratio) => {
        const box = document.querySelector('[data-testid="replay-frame"]')?.getBoundingClientRect();
        return box !== undefined && Math.abs(box.width / box.height - ratio) < 0.01;
      },
      landscape.width / landscape.height,
    );
    const turned = await page.locator('[data-testid="replay-frame"]').boundingBox();
    const turnedScale = Number(await page.getAttribute('[data-testid="replay-stage"]', 'data-scale'));
    assert.ok(turned && Math.abs(turned.width - landscape.width * turnedScale) < 1, 'scaled from the new viewport');
    assert.equal(await page.getAttribute('[data-testid="replay-frame"]', 'data-device'), 'phone', 'still framed as a phone, on its side');
    await page.context().close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
