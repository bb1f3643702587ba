import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountStore } from './account-store.js';
import type { ProjectRecord } from './account-records.js';

/** The behaviour every `AccountStore` must have; `open` gives one store for the whole suite. */
export function runAccountStoreContract(name: string, open: () => Promise<AccountStore>): void {
  let storePromise: Promise<AccountStore> | undefined;
  const store = () => (storePromise ??= open());
  after(async () => (await storePromise as { close?: () => Promise<void> } | undefined)?.close?.());

  const project = (id: string, over: Partial<ProjectRecord> = {}): ProjectRecord => ({
    id, name: `Project ${id} "quoted" ünï`, allowedOrigins: ['https://a.example'], createdAt: 1_700_000_000_000, ...over,
  });

  test(`${name}: a record put is read back as put, and a second put replaces it`, async () => {
    const s = await store();
    await s.put('project', 'shop', project('shop'));
    assert.deepEqual(await s.get('project', 'shop'), project('shop'));
    await s.put('project', 'shop', project('shop', { retentionDays: 30, allowedOrigins: [] }));
    assert.deepEqual(await s.get('project', 'shop'), project('shop', { retentionDays: 30, allowedOrigins: [] }));
    assert.equal(await s.get('project', 'nope'), undefined);
    assert.equal(await s.get('user', 'shop'), undefined, 'kinds are separate');
  });

  test(`${name}: list gives the newest of each record of a kind; remove hides one for good`, async () => {
    const s = await store();
    await s.put('key', 'k1', { key: 'k1', projectId: 'blog', createdAt: 1 });
    await s.put('key', 'k2', { key: 'k2', projectId: 'blog', createdAt: 2 });
    await s.put('key', 'k1', { key: 'k1', projectId: 'blog', createdAt: 1, revokedAt: 5 });
    const keys = (await s.list('key')).filter((k) => k.projectId === 'blog').sort((a, b) => a.createdAt - b.createdAt);
    assert.deepEqual(keys, [{ key: 'k1', projectId: 'blog', createdAt: 1, revokedAt: 5 }, { key: 'k2', projectId: 'blog', createdAt: 2 }]);
    await s.remove('key', 'k1');
    assert.equal(await s.get('key', 'k1'), undefined);
    assert.deepEqual((await s.list('key')).filter((k) => k.projectId === 'blog').map((k) => k.key), ['k2']);
    await s.put('key', 'k1', { key: 'k1', projectId: 'blog', createdAt: 9 });
    assert.equal((await s.get('key', 'k1'))?.createdAt, 9, 'a removed id can be used again');
  });

  test(`${name}: the audit log lists newest first, by project, paged`, async () => {
    const s = await store();
    const base = Date.now();
    for (let i = 0; i < 3; i++) {
      await s.appendAudit({ at: base + i, actor: 'user:a@b.c', action: 'session.delete', projectId: 'audited', target: `s${i}`, detail: '' });
    }
    await s.appendAudit({ at: base + 10, actor: 'cli', action: 'user.add', projectId: '', target: 'x@y.z', detail: 'server admin' });
    const page = await s.listAudit({ projectId: 'audited', limit: 2, offset: 0 });
    assert.equal(page.total, 3);
    assert.deepEqual(page.entries.map((e) => e.target), ['s2', 's1']);
    assert.deepEqual(page.entries[0], { at: base + 2, actor: 'user:a@b.c', action: 'session.delete', projectId: 'audited', target: 's2', detail: '' });
    assert.ok((await s.listAudit({ limit: 100, offset: 0 })).entries.some((e) => e.action === 'user.add'));
  });
}
