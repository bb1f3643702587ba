import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueMessage, ReplayQueue } from './queue.js';

/**
 * The behaviour every `ReplayQueue` implementation must have. Each implementation's test
 * file calls this with a factory; `reopen` must give a queue over the same durable state
 * (a restart), so redelivery of uncommitted messages can be checked.
 */
export interface QueueContractTarget {
  name: string;
  /** A fresh, empty queue. Returns the queue and a function that reopens the same state. */
  create(): Promise<{ queue: ReplayQueue; reopen: () => Promise<ReplayQueue> }>;
}

export function runQueueContract(target: QueueContractTarget): void {
  const group = 'contract-consumer';

  test(`${target.name}: delivers published messages in order with keys and values intact`, async () => {
    const { queue } = await target.create();
    try {
      const values = Array.from({ length: 30 }, (_, i) => Buffer.from(`message-${i}-\u00e9\u0000`));
      await Promise.all(values.map((v) => queue.publish('session-a', v)));
      const got = await collect(queue, group, 30);
      assert.deepEqual(got.map((m) => m.value.toString()), values.map((v) => v.toString()));
      assert.ok(got.every((m) => m.key === 'session-a'));
      assertIncreasingOffsets(got);
    } finally {
      await queue.close();
    }
  });

  test(`${target.name}: redelivers what was not committed after a restart, and not what was`, async () => {
    const { queue, reopen } = await target.create();
    const msgs = await (async () => {
      try {
        for (let i = 0; i < 10; i++) await queue.publish(`k${i % 3}`, Buffer.from(String(i)));
        const got = await collect(queue, group, 10, async (sub, batch) => {
          // Commit only the first four messages.
          const fourth = batch.find((m) => m.value.toString() === '3');
          if (fourth) await sub.commit(fourth.partition, fourth.offset + 1);
        });
        return got;
      } finally {
        await queue.close();
      }
    })();
    assert.equal(msgs.length, 10);
    const again = await reopen();
    try {
      const redelivered = await collect(again, group, 6);
      assert.deepEqual(redelivered.map((m) => m.value.toString()).sort(), ['4', '5', '6', '7', '8', '9']);
    } finally {
      await again.close();
    }
  });

  test(`${target.name}: a subscription sees messages published after it started`, async () => {
    const { queue } = await target.create();
    try {
      const pending = collect(queue, group, 3);
      await new Promise((r) => setTimeout(r, 50));
      for (const v of ['x', 'y', 'z']) await queue.publish('late', Buffer.from(v));
      assert.deepEqual((await pending).map((m) => m.value.toString()), ['x', 'y', 'z']);
    } finally {
      await queue.close();
    }
  });
}

type Sub = Awaited<ReturnType<ReplayQueue['subscribe']>>;

/** Subscribes until `count` messages arrived (or 10 s passed), then stops. */
export async function collect(
  queue: ReplayQueue,
  group: string,
  count: number,
  onBatch?: (sub: Sub, batch: QueueMessage[]) => Promise<void>,
): Promise<QueueMessage[]> {
  const got: QueueMessage[] = [];
  let sub: Sub | undefined;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const pendingBatches: QueueMessage[][] = [];
  sub = await queue.subscribe(group, async (batch) => {
    got.push(...batch);
    if (onBatch) {
      if (sub) await onBatch(sub, batch);
      else pendingBatches.push(batch);
    }
    if (got.length >= count) done();
  });
  for (const b of pendingBatches) await onBatch!(sub, b);
  const timer = setTimeout(done, 10_000);
  await finished;
  clearTimeout(timer);
  await sub.stop();
  return got;
}

function assertIncreasingOffsets(msgs: QueueMessage[]): void {
  for (let i = 1; i < msgs.length; i++) {
    if (msgs[i].partition === msgs[i - 1].partition) assert.ok(msgs[i].offset > msgs[i - 1].offset);
  }
}
