import { canGzip } from './compress.js';
import type { GoSightConfig } from './config.js';
import type { GoSightDeps } from './gosight.js';
import { gzipTextSync } from './gzip-sync.js';
import { buildIngestUrl } from './ingest-url.js';
import type { Logger } from './logger.js';
import { createPageSignals } from './page-signals.js';
import { createSdkPrivacy } from './privacy/sdk-privacy.js';
import { createQueuePersistence } from './queue-persistence.js';
import { createRecorder, recordedNodeById } from './recorder.js';
import { createSessionId } from './session-id.js';
import { createSafeStore } from './storage.js';
import { createFetchTransport } from './transport.js';
import { createWorkerSender } from './worker-sender.js';

/** The one place that builds concrete browser adapters; everything else receives them. */
export function createBrowserDeps(config: GoSightConfig, win: Window, log: Logger): GoSightDeps {
  const nav = win.navigator;
  const page = createPageSignals(win);
  const now = (): number => Date.now();
  const privacy = createSdkPrivacy(config, recordedNodeById);
  return {
    store: createSafeStore(() => win.sessionStorage),
    persistence: createQueuePersistence(() => win.sessionStorage, now, log),
    transport: createFetchTransport({
      endpoint: config.endpoint,
      projectKey: config.projectKey,
      log,
      // Bound now, so a fetch wrapper installed later (the network plugin's, the page's) never sees or records our requests.
      fetch: typeof win.fetch === 'function' ? win.fetch.bind(win) : undefined,
      sendBeacon: nav && typeof nav.sendBeacon === 'function' ? nav.sendBeacon.bind(nav) : undefined,
      supportsKeepalive: typeof Request === 'function' && 'keepalive' in Request.prototype,
      isPageHidden: page.isHidden,
      // Only where gzip works in a worker too; elsewhere the main thread sends plain JSON anyway.
      worker: canGzip() ? createWorkerSender({
        Worker: typeof Worker === 'function' ? Worker : undefined,
        Blob: typeof Blob === 'function' ? Blob : undefined,
        URL: typeof URL === 'function' ? URL : undefined,
        setTimeout: (callback, ms) => win.setTimeout(callback, ms),
        clearTimeout: (handle) => win.clearTimeout(handle as number),
      }, log) : null,
      gzipSync: gzipTextSync,
    }),
    page,
    startRecording: createRecorder({
      config,
      doc: win.document,
      perf: win.performance,
      ingestUrl: buildIngestUrl(config.endpoint),
      isSensitiveKey: privacy.policy.isSensitiveKey,
      log,
    }),
    timers: {
      setInterval: (callback, intervalMs) => win.setInterval(callback, intervalMs),
      clearInterval: (handle) => win.clearInterval(handle as number),
      setTimeout: (callback, delayMs) => win.setTimeout(callback, delayMs),
      clearTimeout: (handle) => win.clearTimeout(handle as number),
    },
    now,
    random: Math.random,
    newSessionId: () => createSessionId(win.crypto),
    privacy,
    log,
  };
}
