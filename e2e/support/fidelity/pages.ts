import type { Page } from 'playwright-core';

/** Takes a live screenshot now, under a name, once the page has been quiet for a while. */
export type Checkpoint = (name: string, options?: { keepFocus?: boolean; keepPointer?: boolean }) => Promise<void>;

/** One page of the fidelity site and what a visitor does on it, with checkpoints. */
export interface FidelityPage {
  path: string;
  /** What the page uses that a replay must reproduce. */
  covers: string;
  run(page: Page, checkpoint: Checkpoint): Promise<void>;
}

const imagesLoaded = (page: Page) => page.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0));
const fontsLoaded = (page: Page) => page.waitForFunction(() => document.fonts.status === 'loaded' && document.fonts.check("20px 'Brand'"));
const chartDrawn = (page: Page, times: number) => page.waitForFunction((n) => (window as unknown as { chartDone?: number }).chartDone === n, times);

export const FIDELITY_PAGES: FidelityPage[] = [
  {
    path: 'images.html',
    covers: 'img src, srcset, <picture>, CSS backgrounds (inline and from a stylesheet)',
    async run(page, checkpoint) {
      await imagesLoaded(page);
      await fontsLoaded(page);
      await checkpoint('loaded');
      await page.mouse.wheel(0, 300);
      await checkpoint('scrolled');
    },
  },
  {
    path: 'fonts.html',
    covers: 'a self-hosted web font referenced from a stylesheet',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await checkpoint('loaded');
      await page.click('#swap');
      await checkpoint('swapped');
    },
  },
  {
    path: 'chart.html',
    covers: 'a 2D canvas chart that animates, resizes and redraws',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await chartDrawn(page, 1);
      await checkpoint('drawn');
      await page.click('#grow');
      await chartDrawn(page, 2);
      await checkpoint('resized');
      await page.click('#more');
      await chartDrawn(page, 3);
      await checkpoint('new-data');
    },
  },
  {
    path: 'webgl.html',
    covers: 'a WebGL canvas',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await checkpoint('drawn');
      await page.click('#tint');
      await checkpoint('tinted');
    },
  },
  {
    path: 'components.html',
    covers: 'web components: shadow DOM, adopted constructed stylesheets, a border shorthand of var()',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await checkpoint('loaded');
      await page.click('#add');
      await checkpoint('added');
    },
  },
  {
    path: 'list.html',
    covers: 'a long scrolling list and a scrolled inner pane',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await page.mouse.wheel(0, 2400);
      await checkpoint('scrolled');
      await page.locator('#pane').evaluate((pane) => pane.scrollTo(0, 1200));
      await checkpoint('pane-scrolled');
      await page.mouse.wheel(0, -800);
      await checkpoint('back-up');
    },
  },
  {
    path: 'dialog.html',
    covers: 'a modal dialog opening and closing',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await page.click('#open');
      await checkpoint('open');
      await page.click('#cancel');
      await checkpoint('closed');
    },
  },
  {
    path: 'form.html',
    covers: 'text typed but not submitted, a pick and a checkbox',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await page.click('#subject');
      await page.keyboard.type('Refund for order 10442');
      // Still focused, never committed: the replay must show the text as typed.
      await checkpoint('typed', { keepFocus: true });
      await page.click('#message');
      await page.keyboard.type('The parcel arrived damaged.');
      await checkpoint('message', { keepFocus: true });
      await page.selectOption('#topic', 'Billing');
      await page.check('#copy');
      await checkpoint('picked');
    },
  },
  {
    path: 'last-change.html',
    covers: 'a DOM change as the very last event of the session',
    async run(page, checkpoint) {
      await fontsLoaded(page);
      await checkpoint('loaded');
      // No pointer or focus event after the change: it is the session's last.
      await page.evaluate(() => (document.getElementById('finish') as HTMLButtonElement).click());
      await checkpoint('paid', { keepPointer: true, keepFocus: true });
    },
  },
];
