import { runDeadLetterStoreContract } from '../dead-letter-store-contract.js';
import { MemoryDeadLetterStore } from './memory-dead-letter-store.js';

runDeadLetterStoreContract('MemoryDeadLetterStore', async () => new MemoryDeadLetterStore());
