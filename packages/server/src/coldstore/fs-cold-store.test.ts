import { FsColdStore } from './fs-cold-store.js';
import { runColdStoreContract } from './cold-store-contract.js';
import { tempDir } from '../../testing/test-support.js';

runColdStoreContract('FsColdStore', async () => new FsColdStore(tempDir('cold')));
