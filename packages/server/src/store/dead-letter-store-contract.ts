import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DeadLetter, DeadLetterStore } from './dead-letter-store.js';

/** The behaviour every `DeadLetterStore` must have; `open` gives one store for the whole suite. */
export function runDeadLetterStoreContract(name: string, open: () => Promise<DeadLetterStore>): void {
  let storePromise: Promise<DeadLetterStore> | undefined;
  const store = () => (storePromise ??= open());
  after(async () => (await storePromise as { close?: () => Promise<void> } | undefined)?.close?.());

  const letter = (over: Partial<DeadLetter> = {}): DeadLetter => ({
    id: randomUUID(), projectId: 'p1', sessionId: randomUUID(), seq: 3, stage: 'store',
    reason: 'chunk could not be written', failedAt: Date.now(), message: Buffer.from('{"v":1}\nbody'), ...over,
  });

  test(`${name}: a letter keeps its message byte for byte, every byte value included`, async () => {
    const s = await store();
    const message = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(50_000)]);
    const l = letter({ message, reason: 'reason with "quotes", \\ and ünïcödé' });
    await s.add([l]);
    const got = await s.get(l.id);
    assert.ok(got, 'found');
    assert.ok(got.message.equals(message), 'bytes identical');
    assert.deepEqual({ ...got, message: undefined }, { ...l, message: undefined });
    assert.equal(await s.get(randomUUID()), undefined);
  });

  test(`${name}: list is oldest first, paged, filtered by session, without bytes`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const base = Date.now() - 10_000;
    const letters = [2, 0, 1].map((i) => letter({ sessionId, seq: i, failedAt: base + i * 1_000 }));
    await s.add(letters);
    const page = await s.list({ limit: 2, offset: 0, sessionId });
    assert.equal(page.total, 3);
    assert.deepEqual(page.letters.map((l) => l.seq), [0, 1]);
    assert.equal(page.letters[0].bytes, letters[1].message.length);
    assert.equal((page.letters[0] as unknown as { message?: unknown }).message, undefined);
    assert.deepEqual((await s.list({ limit: 2, offset: 2, sessionId })).letters.map((l) => l.seq), [2]);
    assert.ok((await s.list({ limit: 100, offset: 0 })).total >= 3, 'unfiltered list sees them too');
  });

  test(`${name}: remove deletes the named letters only`, async () => {
    const s = await store();
    const sessionId = randomUUID();
    const [a, b] = [letter({ sessionId }), letter({ sessionId })];
    await s.add([a, b]);
    await s.remove([a.id, randomUUID()]);
    assert.equal(await s.get(a.id), undefined);
    assert.ok(await s.get(b.id));
    assert.deepEqual((await s.list({ limit: 10, offset: 0, sessionId })).letters.map((l) => l.id), [b.id]);
    await s.remove([]);
  });
}
