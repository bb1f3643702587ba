import { runChunkStoreContract } from '../chunk-store-contract.js';
import { ClickHouseChunkStore } from './clickhouse-chunk-store.js';
import { createClickHouseClient } from './create-client.js';
import { tempDir } from '../../../testing/test-support.js';

// The embedded default: chDB plugged into @clickhouse/client. A ClickHouse server runs
// the same suite through GOSIGHT_TEST_CLICKHOUSE_URL.
runChunkStoreContract('ClickHouseChunkStore on chDB', async () => {
  const store = new ClickHouseChunkStore(createClickHouseClient({ url: undefined, dataDir: tempDir('chdb') }), 'gosight_test');
  await store.migrate();
  return store;
});

const serverUrl = process.env.GOSIGHT_TEST_CLICKHOUSE_URL;
if (serverUrl) {
  runChunkStoreContract('ClickHouseChunkStore on a ClickHouse server', async () => {
    const store = new ClickHouseChunkStore(createClickHouseClient({ url: serverUrl, dataDir: tempDir('unused') }), 'gosight_test');
    await store.migrate();
    return store;
  });
}
