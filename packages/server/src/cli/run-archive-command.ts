import pino from 'pino';
import type { Config } from '../config/index.js';
import { closeAll, openColdStore, openStore } from '../app/adapters.js';
import { runArchive, type ArchiveProgress } from '../archive/index.js';
import { waitForStopSignal } from './stop-signal.js';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * `gosight archive`: one pass, or a pass every --archive-every-ms. Prints progress; the
 * first SIGINT stops after the session in progress (run again to resume), a second one
 * exits at once.
 */
export async function runArchiveCommand(config: Readonly<Config>): Promise<number> {
  const logger = pino({ level: config.logLevel });
  const store = await openStore(config);
  const cold = await openColdStore(config).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const abort = new AbortController();
  void waitForStopSignal((signal) => {
    process.stdout.write(`\n${signal}: stopping after the session in progress (run again to resume)...\n`);
    abort.abort();
  });
  process.stdout.write([
    `GoSight archive: sessions older than ${config.archiveAfterDays} days`,
    `  Store        ${store.description}`,
    `  Cold store   ${cold.description}`,
    config.archiveEveryMs ? `  Schedule     every ${config.archiveEveryMs} ms` : '  Schedule     once',
    '',
  ].join('\n'));
  try {
    do {
      const started = Date.now();
      let last = 0;
      const report = await runArchive({
        store: store.value.chunks, cold: cold.value, logger, afterDays: config.archiveAfterDays, signal: abort.signal,
        onProgress: (p: ArchiveProgress) => {
          if (Date.now() - last < 1000) return;
          last = Date.now();
          process.stdout.write(`  ${p.archived} archived, ${p.resumed} resumed, ${p.skipped} skipped, ${mb(p.bytes)} written\n`);
        },
      });
      process.stdout.write(`${report.interrupted ? 'Interrupted' : 'Done'}: ${report.archived} sessions archived (${mb(report.bytes)}), `
        + `${report.resumed} resumed, ${report.skipped} skipped, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      if (report.interrupted || !config.archiveEveryMs) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.archiveEveryMs);
        abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    } while (!abort.signal.aborted);
  } finally {
    await closeAll([store, cold], logger);
  }
  return 0;
}
