/** The SDK's only way to talk to the developer console; silent unless `debug: true`. */
export interface Logger {
  /** Prints a `[GoSight]`-prefixed line in debug mode; does nothing otherwise. */
  debug(message: string, ...details: unknown[]): void;
}

export const silentLogger: Logger = { debug() {} };

/**
 * Must be created before rrweb starts: the console plugin patches `console.*`, and logging
 * through the patched methods would record our own messages into the replay (and loop).
 */
export function createLogger(debug: boolean): Logger {
  if (!debug || typeof console === 'undefined' || typeof console.log !== 'function') return silentLogger;
  const print = console.log.bind(console);
  return {
    debug(message, ...details) {
      try {
        print(`[GoSight] ${message}`, ...details);
      } catch {
        // A broken console must not break recording.
      }
    },
  };
}
