import { runAccountStoreContract } from './account-store-contract.js';
import { ClickHouseAccountStore } from './clickhouse-account-store.js';
import { ClickHouseChunkStore, createClickHouseClient } from '../store/index.js';
import { tempDir } from '../../testing/test-support.js';

const open = async (url: string | undefined) => {
  const client = createClickHouseClient({ url, dataDir: tempDir('chdb-accounts') });
  const chunks = new ClickHouseChunkStore(client, 'gosight_test');
  await chunks.migrate();
  return Object.assign(new ClickHouseAccountStore(client, 'gosight_test'), { close: () => chunks.close() });
};

runAccountStoreContract('ClickHouseAccountStore on chDB', () => open(undefined));

const serverUrl = process.env.GOSIGHT_TEST_CLICKHOUSE_URL;
if (serverUrl) runAccountStoreContract('ClickHouseAccountStore on a ClickHouse server', () => open(serverUrl));
