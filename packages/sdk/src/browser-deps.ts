import type { ClientDeps } from './client.js';
import type { GoSightConfig } from './config.js';
import type { Logger } from './logger.js';
import { onPageHide } from './page-hide.js';
import { createRecorder } from './recorder.js';
import { createSessionId } from './session-id.js';
import { createSafeStore } from './storage.js';
import { createFetchTransport } from './transport.js';

/** The one place that builds concrete browser adapters; everything else receives them. */
export function createBrowserDeps(config: GoSightConfig, win: Window, log: Logger): ClientDeps {
  const nav = win.navigator;
  return {
    store: createSafeStore(() => win.sessionStorage),
    transport: createFetchTransport({
      endpoint: config.endpoint,
      projectKey: config.projectKey,
      log,
      // Bound now, so a fetch wrapper the page installs later never sees (or records) our requests.
      fetch: typeof win.fetch === 'function' ? win.fetch.bind(win) : undefined,
      sendBeacon: nav && typeof nav.sendBeacon === 'function' ? nav.sendBeacon.bind(nav) : undefined,
      supportsKeepalive: typeof Request === 'function' && 'keepalive' in Request.prototype,
    }),
    startRecording: createRecorder(config, win.document, log),
    onPageHide: (callback) => onPageHide(win, callback),
    timers: {
      setInterval: (callback, intervalMs) => win.setInterval(callback, intervalMs),
      clearInterval: (handle) => win.clearInterval(handle as number),
    },
    newSessionId: () => createSessionId(win.crypto),
    log,
  };
}
