import { createBrowserDeps } from './browser-deps.js';
import { resolveConfig, type GoSightOptions } from './config.js';
import { createGoSight, type GoSightInstance } from './gosight.js';
import { createLogger } from './logger.js';

export type { GoSightOptions, NetworkOptions } from './config.js';

/**
 * The page's GoSight. This is the one piece of module state in the SDK: the public API is a
 * page-wide singleton by nature (one rrweb recorder per document).
 */
let instance: GoSightInstance | null = null;

/**
 * Configures GoSight and, unless `autoStart: false`, starts recording. A second call is
 * ignored. Never throws: bad options or an unsupported browser leave the page untouched
 * (with a debug message when `debug: true`).
 */
export function init(options: GoSightOptions): void {
  try {
    const log = createLogger(isDebug(options));
    if (instance) return log.debug('init called twice; keeping the first configuration');
    if (typeof window === 'undefined' || typeof document === 'undefined') return;
    const resolved = resolveConfig(options);
    if (!resolved.ok) return log.debug(`not recording: ${resolved.reason}`);
    instance = createGoSight(resolved.config, createBrowserDeps(resolved.config, window, log));
  } catch {
    instance = null;
  }
}

/** Starts or resumes recording after `init` (with `autoStart: false`, or after `stop()`). */
export function start(): void {
  guard(() => instance?.start());
}

/** Stops recording; what is buffered is still sent. `start()` resumes the same session if it has not timed out. */
export function stop(): void {
  guard(() => instance?.stop());
}

/** Links the session to your user: records a `$identify` event with `{ userId, traits }`. */
export function identify(userId: string, traits?: Record<string, unknown>): void {
  guard(() => instance?.identify(userId, traits));
}

/** Records a custom event `{ tag: name, payload }`, shown as a marker in the player. */
export function event(name: string, payload?: unknown): void {
  guard(() => instance?.event(name, payload));
}

/** The current session id, or null when not recording. Useful to link support tickets to a replay. */
export function getSessionId(): string | null {
  try {
    return instance ? instance.getSessionId() : null;
  } catch {
    return null;
  }
}

/**
 * Sends what is buffered now; resolves once everything recorded so far has been acknowledged
 * by the server (or refused, or dropped over the queue's budget), waiting through retries
 * while the server is unreachable. Resolves at once when not recording; never rejects.
 */
export function flush(): Promise<void> {
  try {
    return instance ? instance.flush().catch(() => undefined) : Promise.resolve();
  } catch {
    return Promise.resolve();
  }
}

export const GoSight = Object.freeze({ init, start, stop, identify, event, getSessionId, flush });

function guard(action: () => void): void {
  try {
    action();
  } catch {
    // Never into the host page.
  }
}

function isDebug(options: unknown): boolean {
  try {
    return typeof options === 'object' && options !== null && (options as { debug?: unknown }).debug === true;
  } catch {
    return false;
  }
}
