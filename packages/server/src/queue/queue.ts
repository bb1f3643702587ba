/**
 * The replay topic, as the ingest and the processor see it. The embedded implementation
 * (`FileQueue`) keeps messages in a local append-only log; a Kafka implementation plugs in
 * behind the same interface. Offsets are per partition; a session's batches share a key
 * and so stay in one partition, in order.
 */
export interface QueueMessage {
  partition: number;
  /** Offset of the message's last record: committing past it commits the whole message. */
  offset: number;
  /**
   * Offset of the message's first record when it was split over several records (a
   * message too large for one); equal to `offset` otherwise. A consumer that has not yet
   * stored the message must not commit past this.
   */
  firstOffset: number;
  key: string;
  value: Buffer;
  /**
   * What the publisher decoded from `value`, when this process published it and still holds
   * it (see `ReplayQueue.publish`). Absent otherwise: the consumer decodes `value`.
   */
  decoded?: unknown;
}

/**
 * A publisher's own decoding of a message (the ingest's parsed batch), handed to a consumer
 * in the same process so the bytes are not decoded twice. `bytes` counts against what the
 * queue holds of these (it keeps none past its cap, and none across a restart).
 */
export interface DecodedMessage {
  value: unknown;
  bytes: number;
}

/** Receives messages in offset order per partition; the next batch waits for it to settle. */
export type BatchHandler = (messages: QueueMessage[]) => Promise<void>;

export interface ReplayQueue {
  /**
   * Appends a message; resolves only once it is durable (the ingest's ack point). A queue
   * whose consumers run in this process may hand them `decoded` with the message; others
   * ignore it.
   */
  publish(key: string, value: Buffer, decoded?: DecodedMessage): Promise<void>;
  /** Starts delivery to `group` from its committed offsets (redelivering anything not committed). */
  subscribe(group: string, handler: BatchHandler): Promise<QueueSubscription>;
  /** Stops accepting publishes and releases files or connections. */
  close(): Promise<void>;
}

/** How far a consumer group is behind the end of the queue, in messages. */
export interface QueueBacklog {
  /** Not yet committed: what a restart would deliver again. */
  depth: number;
  /** Not yet delivered to this consumer. */
  lag: number;
}

export interface QueueSubscription {
  /** Records that every message of `partition` before `nextOffset` is processed; durable on resolve. */
  commit(partition: number, nextOffset: number): Promise<void>;
  /** Stops delivery after the handler call in flight settles. */
  stop(): Promise<void>;
  /**
   * Calls `listener` with this consumer's partitions after each rebalance, so it can drop
   * state of partitions it lost (their uncommitted messages go to another consumer).
   * Queues with one consumer per group never call it.
   */
  onPartitionsAssigned?(listener: (partitions: number[]) => void): void;
  /** This consumer's backlog, when the queue knows it (for metrics and health). */
  backlog?(): QueueBacklog | undefined;
  /** Calls `listener` when delivery fails (the queue keeps retrying by itself), so health can say so. */
  onError?(listener: (err: unknown) => void): void;
}
