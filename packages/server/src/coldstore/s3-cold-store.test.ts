import { after } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3ColdStore } from './s3-cold-store.js';
import { runColdStoreContract } from './cold-store-contract.js';

// s3rver is a light S3 fake, good enough for the client code path in unit tests; the
// end-to-end tests run the same contract against Ceph radosgw, a real S3 server.
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: mkdtempSync(join(tmpdir(), 'gosight-s3rver-')) });
const { port } = await server.run();
after(() => server.close());

const store = new S3ColdStore({
  endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'gosight-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true,
});
await store.ensureBucket();
after(() => store.close());

runColdStoreContract('S3ColdStore on s3rver', async () => store);
