import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Accounts } from './accounts.js';
import { MemoryAccountStore } from './memory-account-store.js';

const setup = async () => {
  const accounts = new Accounts(new MemoryAccountStore(), 0);
  const shop = await accounts.projects.create('shop', 'Shop', 'gs_shop_key_1');
  await accounts.projects.create('blog');
  const admin = await accounts.users.add({ email: 'Admin@Example.com', password: 'correct horse battery', serverAdmin: true });
  const viewer = await accounts.users.add({ email: 'viewer@example.com', password: 'another good password' });
  await accounts.projects.setMember('shop', viewer.id, 'viewer');
  return { accounts, shop, admin, viewer };
};

test('passwords: the right one logs in, a wrong one or an unknown user does not; the hash is argon2id', async () => {
  const { accounts, admin } = await setup();
  assert.match(admin.passwordHash, /^\$argon2id\$/);
  assert.equal((await accounts.users.verify('admin@example.com', 'correct horse battery'))?.id, admin.id);
  assert.equal(await accounts.users.verify('admin@example.com', 'wrong horse battery'), undefined);
  assert.equal(await accounts.users.verify('nobody@example.com', 'correct horse battery'), undefined);
  await assert.rejects(accounts.users.add({ email: 'x@example.com', password: 'short' }), /at least 10/);
  await assert.rejects(accounts.users.add({ email: 'admin@example.com', password: 'long enough pass' }), /exists already/);
});

test('access: a server admin administers every project; a member only theirs, in their role', async () => {
  const { accounts, admin, viewer } = await setup();
  const adminLogin = await accounts.logins.create(admin);
  const a = await accounts.accessForLogin(adminLogin.secret);
  assert.deepEqual([...a!.roles], [['shop', 'admin'], ['blog', 'admin']]);
  const v = await accounts.accessForLogin((await accounts.logins.create(viewer)).secret);
  assert.deepEqual([...v!.roles], [['shop', 'viewer']]);
  assert.equal(v!.serverAdmin, false);
  await accounts.logins.revoke(adminLogin.secret);
  assert.equal(await accounts.accessForLogin(adminLogin.secret), undefined, 'a logged-out cookie is dead');
  assert.equal(await accounts.accessForLogin('x'.repeat(43)), undefined);
});

test('tokens: narrowed to their projects, never server-wide, dead once revoked or when the secret is wrong', async () => {
  const { accounts, admin } = await setup();
  const { token, record } = await accounts.tokens.create(admin, 'export script', ['blog']);
  assert.match(token, /^gst_/);
  const access = await accounts.accessForToken(token);
  assert.deepEqual([...access!.roles], [['blog', 'admin']]);
  assert.equal(access!.serverAdmin, false);
  assert.equal(access!.actor, `token:${record.id} (admin@example.com)`);
  assert.equal(await accounts.accessForToken(`${token.slice(0, -4)}AAAA`), undefined, 'a wrong secret');
  await accounts.tokens.revoke(record.id);
  assert.equal(await accounts.accessForToken(token), undefined, 'revoked');
});

test('keys: a rotated-in key sends to its project, a revoked one does not; origins are normalized', async () => {
  const { accounts } = await setup();
  assert.deepEqual(await accounts.keyGrant('gs_shop_key_1'), { projectId: 'shop', allowedOrigins: [] });
  const next = await accounts.projects.addKey('shop');
  await accounts.projects.revokeKey('shop', 'gs_shop_key_1');
  assert.equal(await accounts.keyGrant('gs_shop_key_1'), undefined);
  await accounts.projects.update('shop', { allowedOrigins: ['https://Shop.Example:443/cart', 'http://localhost:8080'] });
  assert.deepEqual(await accounts.keyGrant(next.key), { projectId: 'shop', allowedOrigins: ['https://shop.example', 'http://localhost:8080'] });
  await assert.rejects(accounts.projects.update('shop', { allowedOrigins: ['javascript:alert(1)'] }), /not an http\(s\) origin/);
  await assert.rejects(accounts.projects.addKey('blog', next.key), /another project/);
});

test('removing a user removes their memberships and tokens and ends their logins', async () => {
  const { accounts, viewer } = await setup();
  const login = await accounts.logins.create(viewer);
  const { token } = await accounts.tokens.create(viewer, 't', ['shop']);
  await accounts.users.remove(viewer);
  assert.equal(await accounts.accessForLogin(login.secret), undefined);
  assert.equal(await accounts.accessForToken(token), undefined);
  assert.deepEqual(await accounts.projects.members('shop'), []);
});

test('a server-wide token is for server admins only, and acts on every project and server-wide work', async () => {
  const { accounts, admin, viewer } = await setup();
  const { token } = await accounts.tokens.create(admin, 'ops', [], Date.now(), true);
  const access = await accounts.accessForToken(token);
  assert.equal(access!.serverAdmin, true);
  assert.deepEqual([...access!.roles.keys()].sort(), ['blog', 'shop']);
  await assert.rejects(accounts.tokens.create(viewer, 'ops', [], Date.now(), true), /only a server admin/);
});
