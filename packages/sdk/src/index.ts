import { createBrowserDeps } from './browser-deps.js';
import { createClient, type Client } from './client.js';
import { resolveConfig, type GoSightOptions } from './config.js';
import { createLogger } from './logger.js';

export type { GoSightOptions } from './config.js';

/**
 * The page's single recording. This is the one piece of module state in the SDK: the public
 * API is a page-wide singleton by nature (one rrweb recorder per document).
 */
let active: Client | null = null;

/**
 * Starts recording this page. Never throws: bad options, an unsupported browser or a second
 * call leave the page untouched (with a debug message when `debug: true`).
 */
export function init(options: GoSightOptions): void {
  try {
    const log = createLogger(isDebug(options));
    if (active && !active.stopped) {
      log.debug('init called twice; keeping the running recording');
      return;
    }
    if (typeof window === 'undefined' || typeof document === 'undefined') return;
    const resolved = resolveConfig(options);
    if (!resolved.ok) {
      log.debug(`not recording: ${resolved.reason}`);
      return;
    }
    active = createClient(resolved.config, createBrowserDeps(resolved.config, window, log));
  } catch {
    active = null;
  }
}

/** Stops recording and sends what is buffered. Safe to call at any time. */
export function stop(): void {
  try {
    const client = active;
    active = null;
    client?.stop();
  } catch {
    // Never into the host page.
  }
}

/** The current session id, or null when not recording. Useful to link support tickets to a replay. */
export function getSessionId(): string | null {
  try {
    return active && !active.stopped ? active.sessionId : null;
  } catch {
    return null;
  }
}

export const GoSight = Object.freeze({ init, stop, getSessionId });

function isDebug(options: unknown): boolean {
  try {
    return typeof options === 'object' && options !== null && (options as { debug?: unknown }).debug === true;
  } catch {
    return false;
  }
}
