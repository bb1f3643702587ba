import { runDeadLetterStoreContract } from '../dead-letter-store-contract.js';
import { ClickHouseChunkStore } from './clickhouse-chunk-store.js';
import { ClickHouseDeadLetterStore } from './clickhouse-dead-letter-store.js';
import { createClickHouseClient } from './create-client.js';
import { tempDir } from '../../../testing/test-support.js';

const open = async (url: string | undefined) => {
  const client = createClickHouseClient({ url, dataDir: tempDir('chdb-dl') });
  const chunks = new ClickHouseChunkStore(client, 'gosight_test');
  await chunks.migrate();
  return Object.assign(new ClickHouseDeadLetterStore(client, 'gosight_test'), { close: () => chunks.close() });
};

runDeadLetterStoreContract('ClickHouseDeadLetterStore on chDB', () => open(undefined));

const serverUrl = process.env.GOSIGHT_TEST_CLICKHOUSE_URL;
if (serverUrl) runDeadLetterStoreContract('ClickHouseDeadLetterStore on a ClickHouse server', () => open(serverUrl));
