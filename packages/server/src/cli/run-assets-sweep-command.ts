import pino from 'pino';
import type { Config } from '../config/index.js';
import { closeAll, openColdStore, openStore } from '../app/adapters.js';
import { ArchiveAwareReader } from '../archive/index.js';
import { AssetLibrary } from '../assets/index.js';
import { Accounts } from '../accounts/index.js';

/**
 * `gosight assets-sweep`: captured assets follow their sessions out. In every project, a session that is gone
 * from the store and from the archive loses its asset index; then every blob of the project
 * that no index names is deleted. Prints what it did.
 */
export async function runAssetsSweepCommand(config: Readonly<Config>): Promise<number> {
  const logger = pino({ level: config.logLevel });
  const store = await openStore(config);
  const cold = await openColdStore(config).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  try {
    const reader = new ArchiveAwareReader(store.value.chunks, cold.value);
    const library = new AssetLibrary(cold.value);
    for (const { id: projectId } of await new Accounts(store.value.accounts, 0).projects.list()) {
      const sessions = await library.sessionIds(projectId);
      let dropped = 0;
      for (const sessionId of sessions) {
        if (await reader.getManifest(projectId, sessionId)) continue;
        await library.deleteSession(projectId, sessionId);
        dropped++;
      }
      const blobs = await library.sweepBlobs(projectId);
      process.stdout.write(`Captured assets of project ${projectId}: ${sessions.length} session indexes, ${dropped} of gone sessions deleted; ${blobs} unused blobs deleted.\n`);
    }
  } finally {
    await closeAll([store, cold], logger);
  }
  return 0;
}
