import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PageMap, SessionListResponse } from '@gosight/shared';
import { silentLogger } from '../../testing/test-support.js';
import { GoSightMetrics } from '../ops/metrics.js';
import { buildApp } from '../app/build-app.js';
import { Accounts, MemoryAccountStore } from '../accounts/index.js';
import { LocalDeadLetterAdmin } from '../deadletters/index.js';
import { MemoryDeadLetterStore } from '../store/index.js';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { SessionEraser } from '../erasure/index.js';

const limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, idleTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: undefined, maxConnectionsPerAddress: undefined };
const HOST = 'localhost:3000';
const SESSION = '0c4a5b5e-7d1c-4b5a-9a55-8b6c1f0e2d3a';

/** A reader that says which project each list was read for. */
const reader: ReplayReader = {
  listSessions: async (projectId) => ({ sessions: [], total: 0, limit: 25, offset: 0, projectId } as unknown as SessionListResponse),
  getManifest: async () => undefined,
  getSessionEvents: async () => undefined,
  getChunkData: async () => undefined,
  pageMap: async (projectId, query) => ({ query, sessions: 0, binPx: 10, clicks: [], scroll: [], scrollSessions: 0, topElements: [], projectId } as unknown as PageMap),
  sessionMoments: async () => [],
};

/** An eraser that records what it was asked to erase (the real one is tested against the stores). */
function recordingEraser(erased: string[]): SessionEraser {
  const report = (sessionId: string) => ({ sessionId, archive: false, deadLetters: 0, assetIndex: false });
  return {
    eraseSessions: async (projectId: string, ids: string[]) => { erased.push(...ids.map((id) => `${projectId}/${id}`)); return ids.map(report); },
    eraseUser: async (projectId: string, userId: string) => { erased.push(`${projectId}/user:${userId}`); return [report(SESSION)]; },
  } as unknown as SessionEraser;
}

async function setup(open: boolean, withUsers = true) {
  const erased: string[] = [];
  const accounts = new Accounts(new MemoryAccountStore(), 0);
  await accounts.projects.create('default', 'Default', 'gs_default_key');
  await accounts.projects.create('shop', 'Shop', 'gs_shop_key_x');
  if (withUsers) {
    await accounts.users.add({ email: 'admin@example.com', password: 'admin password 1', serverAdmin: true });
    const viewer = await accounts.users.add({ email: 'viewer@example.com', password: 'viewer password 1' });
    await accounts.projects.setMember('shop', viewer.id, 'viewer');
  }
  const app = await buildApp({
    logger: silentLogger(),
    http: { allowedHosts: 'localhost', listenHost: '127.0.0.1', trustProxy: undefined, limits },
    health: {},
    metrics: new GoSightMetrics({}),
    api: {
      store: reader, projectId: 'default', accounts, openWithoutAccounts: open,
      deadLetters: new LocalDeadLetterAdmin(new MemoryDeadLetterStore(), undefined, silentLogger()),
      loginLimits: { perAddress: { max: 100, windowMs: 60_000 }, perEmail: { max: 3, windowMs: 60_000 } },
      eraser: recordingEraser(erased),
    },
  });
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: HOST, origin: `http://${HOST}` }, payload: { email, password } });
    const cookie = String(res.headers['set-cookie'] ?? '');
    return { res, cookie: cookie.split(';')[0] };
  };
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { host: HOST, ...headers } });
  return { app, accounts, login, get, erased };
}

test('without credentials every read route answers 401 once accounts exist; open loopback without accounts reads', async () => {
  const { app, get } = await setup(true);
  for (const url of ['/api/sessions', `/api/sessions/${SESSION}/replay`, `/api/sessions/${SESSION}/events`, `/api/sessions/${SESSION}/replay/chunks/0`,
    '/api/projects', '/api/dead-letters', '/api/auth/me', '/api/tokens', '/api/users', '/api/audit']) {
    assert.equal((await get(url)).statusCode, 401, url);
  }
  await app.close();
  const fresh = await setup(true, false);
  assert.equal((await fresh.get('/api/sessions')).statusCode, 200, 'loopback, no account: this machine reads');
  assert.equal((await fresh.get('/api/auth/me')).json().open, true);
  await fresh.app.close();
  const beyond = await setup(false, false);
  assert.equal((await beyond.get('/api/sessions')).statusCode, 401, 'never open beyond loopback');
  await beyond.app.close();
});

test('a login cookie is HttpOnly and SameSite; a viewer reads their project only and changes nothing', async () => {
  const { app, login, get } = await setup(false);
  const { res, cookie } = await login('viewer@example.com', 'viewer password 1');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['set-cookie']), /HttpOnly/);
  assert.match(String(res.headers['set-cookie']), /SameSite=Lax/);
  const headers = { cookie };
  assert.equal((await get('/api/projects/shop/sessions', headers)).json().projectId, 'shop');
  assert.equal((await get('/api/sessions', headers)).statusCode, 404, 'not a member of the default project');
  assert.equal((await get(`/api/projects/default/sessions/${SESSION}/replay`, headers)).statusCode, 404);
  assert.equal((await get('/api/dead-letters', headers)).statusCode, 403);
  const patch = await app.inject({ method: 'PATCH', url: '/api/projects/shop', headers: { host: HOST, origin: `http://${HOST}`, cookie }, payload: { name: 'x' } });
  assert.equal(patch.statusCode, 403);
  const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { host: HOST, origin: `http://${HOST}`, cookie }, payload: {} });
  assert.equal(logout.statusCode, 200);
  assert.equal((await get('/api/projects/shop/sessions', headers)).statusCode, 401, 'the cookie is dead after logout');
  await app.close();
});

test('a state change from another origin is refused, even with a valid cookie', async () => {
  const { app, login } = await setup(false);
  const { cookie } = await login('admin@example.com', 'admin password 1');
  for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
    const res = await app.inject({ method: 'PATCH', url: '/api/projects/shop', headers: { host: HOST, cookie, ...headers }, payload: { name: 'pwned' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'GOSIGHT_CROSS_ORIGIN_REQUEST');
  }
  await app.close();
});

test('an API token reads its projects only; a wrong or revoked token is 401', async () => {
  const { app, accounts, get } = await setup(false);
  const admin = (await accounts.users.findByEmail('admin@example.com'))!;
  const { token, record } = await accounts.tokens.create(admin, 'export', ['shop']);
  const bearer = { authorization: `Bearer ${token}` };
  assert.equal((await get('/api/projects/shop/sessions', bearer)).statusCode, 200);
  assert.equal((await get('/api/projects/default/sessions', bearer)).statusCode, 404);
  assert.equal((await get('/api/users', bearer)).statusCode, 403, 'a token never acts server-wide');
  assert.equal((await get('/api/projects/shop/sessions', { authorization: 'Bearer gst_nope_xxxxxxxxxxxxxxxxxxxxxxxxxxxx' })).statusCode, 401);
  await accounts.tokens.revoke(record.id);
  assert.equal((await get('/api/projects/shop/sessions', bearer)).statusCode, 401);
  await app.close();
});

test('login: wrong passwords are 401; past the per-e-mail limit, 429 with Retry-After even for the right one', async () => {
  const { app, login } = await setup(false);
  for (let i = 0; i < 3; i++) assert.equal((await login('admin@example.com', 'wrong password!')).res.statusCode, 401);
  const limited = (await login('admin@example.com', 'admin password 1')).res;
  assert.equal(limited.statusCode, 429);
  assert.ok(Number(limited.headers['retry-after']) > 0);
  assert.equal(limited.json().error.code, 'GOSIGHT_RATE_LIMITED');
  assert.equal((await login('viewer@example.com', 'viewer password 1')).res.statusCode, 200, 'another account is not limited');
  await app.close();
});

test('erasure: a viewer may not; an admin erases a session or a user\'s sessions, and the audit log says who', async () => {
  const { app, accounts, login, erased } = await setup(false);
  const viewer = (await login('viewer@example.com', 'viewer password 1')).cookie;
  const admin = (await login('admin@example.com', 'admin password 1')).cookie;
  const send = (method: 'DELETE' | 'POST', url: string, cookie: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as object, headers: { host: HOST, origin: `http://${HOST}`, cookie } });
  assert.equal((await send('DELETE', `/api/projects/shop/sessions/${SESSION}`, viewer)).statusCode, 403);
  assert.deepEqual(erased, []);
  const one = await send('DELETE', `/api/projects/shop/sessions/${SESSION}`, admin);
  assert.equal(one.statusCode, 200, one.body);
  const byUser = await send('POST', '/api/projects/shop/sessions/delete', admin, { userId: 'visitor-42' });
  assert.equal(byUser.json().deleted, 1);
  assert.deepEqual(erased, [`shop/${SESSION}`, 'shop/user:visitor-42']);
  const log = await accounts.store.listAudit({ projectId: 'shop', limit: 10, offset: 0 });
  assert.deepEqual(log.entries.map((e) => [e.actor, e.action, e.target]).sort(), [
    ['user:admin@example.com', 'session.delete', SESSION],
    ['user:admin@example.com', 'user.erase', 'visitor-42'],
  ]);
  await app.close();
});
