import { runChunkStoreContract } from '../chunk-store-contract.js';
import { MemoryChunkStore } from './memory-chunk-store.js';

runChunkStoreContract('MemoryChunkStore', async () => new MemoryChunkStore());
