import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Chromium from reaching out to the network or to Google services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--font-render-hinting=none', '--hide-scrollbars',
];

/** Launches headless Chromium (GOSIGHT_CHROMIUM or Debian's /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.GOSIGHT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}
