import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runChunkStoreContract } from '../chunk-store-contract.js';
import { ClickHouseChunkStore } from './clickhouse-chunk-store.js';
import { createClickHouseClient } from './create-client.js';
import { tempDir } from '../../../testing/test-support.js';

// The embedded default: chDB plugged into @clickhouse/client. A ClickHouse server runs
// the same suite through GOSIGHT_TEST_CLICKHOUSE_URL.
const client = createClickHouseClient({ url: undefined, dataDir: tempDir('chdb') });
const opened = (async () => {
  const store = new ClickHouseChunkStore(client, 'gosight_test');
  await store.migrate();
  return store;
})();
runChunkStoreContract('ClickHouseChunkStore on chDB', () => opened);

test('a chunk row written before segments existed (its gzip in `data`) is read as it was', async () => {
  const store = await opened;
  const sessionId = randomUUID();
  const events = [{ type: 4, timestamp: Date.now(), data: { href: 'https://a.test/', width: 800, height: 600 } }];
  const gz = gzipSync(JSON.stringify(events));
  const row = { session_id: sessionId, project_id: 'p1', chunk_index: 0, timestamp_start: Date.now(), timestamp_end: Date.now(), data_b64: gz.toString('base64'), data_size: 10, compressed_size: gz.length, event_count: 1, has_full_snapshot: 0, has_errors: 0, has_network: 0, batch_seqs: [0], click_count: 0, error_count: 0, page_urls: [], viewport_width: 800, viewport_height: 600, user_agent: '', version: 1 };
  // As rows were written then: the gzip through the ephemeral base64 column, which only an explicit column list fills.
  await client.insert({ table: 'gosight_test.replay_chunks', format: 'JSONEachRow', values: [row], columns: Object.keys(row) as [string, ...string[]] });
  const [state] = await store.getChunkStates('p1', sessionId);
  assert.deepEqual(state.segmentIds, []);
  assert.deepEqual(JSON.parse(gunzipSync((await store.getChunkData('p1', sessionId, 0))!).toString()), events);
});

const serverUrl = process.env.GOSIGHT_TEST_CLICKHOUSE_URL;
if (serverUrl) {
  runChunkStoreContract('ClickHouseChunkStore on a ClickHouse server', async () => {
    const store = new ClickHouseChunkStore(createClickHouseClient({ url: serverUrl, dataDir: tempDir('unused') }), 'gosight_test');
    await store.migrate();
    return store;
  });
}
