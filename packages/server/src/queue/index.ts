export type { ReplayQueue, QueueMessage, QueueSubscription, QueueBacklog, BatchHandler } from './queue.js';
export { FileQueue, type FileQueueOptions } from './file-queue.js';
export { KafkaQueue, type KafkaQueueOptions } from './kafka/kafka-queue.js';
