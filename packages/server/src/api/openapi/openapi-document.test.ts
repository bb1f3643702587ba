import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import Ajv2020 from 'ajv/dist/2020.js';
import { openApiDocument, OPENAPI_PATH } from './openapi-document.js';
import { apiRoutes } from '../api-routes.js';
import { opsRoutes } from '../../ops/ops-routes.js';
import { GoSightMetrics } from '../../ops/metrics.js';
import { Accounts, MemoryAccountStore } from '../../accounts/index.js';
import { LocalDeadLetterAdmin } from '../../deadletters/index.js';
import { MemoryChunkStore, MemoryDeadLetterStore } from '../../store/index.js';
import { ArchiveAwareReader } from '../../archive/archive-aware-reader.js';
import { FsColdStore } from '../../coldstore/index.js';
import { silentLogger, tempDir } from '../../../testing/test-support.js';
import type { SessionEraser } from '../../erasure/index.js';

const doc = openApiDocument('test') as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

/** `/api/projects/:project/sessions/:id` → `/api/projects/{project}/sessions/{id}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '');

test('every GET route of the API is described, and every described path is a route', async () => {
  const app = Fastify();
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET') && route.url.startsWith('/api')) routes.add(openApiPath(route.url));
  });
  const accounts = new Accounts(new MemoryAccountStore());
  await app.register(async (scope) => opsRoutes(scope, { health: {}, metrics: new GoSightMetrics({}) }));
  await app.register(async (scope) => apiRoutes(scope, {
    store: new ArchiveAwareReader(new MemoryChunkStore(), new FsColdStore(tempDir('openapi-cold'))), projectId: 'default', accounts, openWithoutAccounts: true,
    deadLetters: new LocalDeadLetterAdmin(new MemoryDeadLetterStore(), undefined, silentLogger()),
    loginLimits: { perAddress: { max: 100, windowMs: 60_000 }, perEmail: { max: 3, windowMs: 60_000 } },
    eraser: {} as SessionEraser, assets: {} as never,
  }));
  await app.ready();
  const described = new Set(Object.entries(doc.paths).filter(([, ops]) => 'get' in ops).map(([p]) => p));
  assert.deepEqual([...routes].filter((r) => !described.has(r)).sort(), [], 'routes without a description');
  assert.deepEqual([...described].filter((p) => !routes.has(p)).sort(), [], 'descriptions without a route');
  const res = await app.inject({ url: OPENAPI_PATH });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().openapi, '3.1.0');
  await app.close();
});

test('the schemas compile, and every $ref resolves', () => {
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: 'openapi.json', ...doc });
  for (const name of Object.keys(doc.components.schemas)) {
    assert.ok(ajv.getSchema(`openapi.json#/components/schemas/${name}`), name);
  }
  const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/(\w+)"/g) ?? [];
  for (const r of refs) assert.ok(doc.components.schemas[r.split('/').pop()!.replace('"', '')], r);
});
