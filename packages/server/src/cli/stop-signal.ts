/**
 * Resolves on the first SIGINT or SIGTERM with its name; a second one exits at once, for
 * when a clean stop hangs.
 */
export function waitForStopSignal(onFirst?: (signal: string) => void): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: string) => {
      if (received) {
        process.stderr.write(`gosight: ${signal} again, exiting without a clean stop\n`);
        process.exit(130);
      }
      received = true;
      onFirst?.(signal);
      resolve(signal);
    };
    process.on('SIGINT', () => handler('SIGINT'));
    process.on('SIGTERM', () => handler('SIGTERM'));
  });
}
