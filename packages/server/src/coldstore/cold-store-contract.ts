import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ColdStore } from './cold-store.js';

/** The behaviour every `ColdStore` must have; `open` may return the same store each time. */
export function runColdStoreContract(name: string, open: () => Promise<ColdStore>): void {
  test(`${name}: put, get, size, range, list, delete`, async () => {
    const store = await open();
    const prefix = `proj-${randomUUID()}`;
    const key = `${prefix}/2026/11/${randomUUID()}.gz`;
    const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)]);
    assert.equal(await store.get(key), undefined);
    assert.equal(await store.size(key), undefined);
    await store.put(key, body);
    assert.ok((await store.get(key))!.equals(body), 'byte-exact');
    assert.equal(await store.size(key), body.length);
    assert.ok((await store.getRange(key, 100, 70_000)).equals(body.subarray(100, 70_000)), 'range byte-exact');
    await store.put(`${prefix}/2026/12/other.gz`, Buffer.from('x'));
    assert.deepEqual(await store.list(`${prefix}/2026/11/`), [key]);
    assert.equal((await store.list(`${prefix}/`)).length, 2);
    await store.put(key, Buffer.from('replaced'));
    assert.equal((await store.get(key))!.toString(), 'replaced');
    await store.delete(key);
    await store.delete(key);
    assert.equal(await store.get(key), undefined);
  });

  test(`${name}: unsafe keys are refused`, async () => {
    const store = await open();
    await assert.rejects(store.put('../escape.gz', Buffer.from('x')), RangeError);
    await assert.rejects(store.put('/abs.gz', Buffer.from('x')), RangeError);
  });
}
