import type { FastifyInstance } from 'fastify';
import { MAPS_PATH, PROJECT_MAPS_PREFIX, PROJECT_SESSIONS_PREFIX, SESSIONS_PATH } from '@gosight/shared';
import type { ReplayReader } from '../archive/archive-aware-reader.js';
import type { DeadLetterAdmin } from '../deadletters/index.js';
import type { AssetLibrary } from '../assets/index.js';
import { deadLetterRoutes } from './dead-letter-routes.js';
import { refuseCrossOriginWrites } from '../http/index.js';
import cookie from '@fastify/cookie';
import type { Accounts } from '../accounts/index.js';
import { registerRateLimits } from '../http/rate-limits.js';
import { authenticate, requireServerAdmin } from './authenticate.js';
import { sessionRoutes } from './session-routes.js';
import { mapRoutes } from './map-routes.js';
import { OPENAPI_PATH, openApiDocument } from './openapi/openapi-document.js';
import { SERVER_VERSION } from './server-version.js';
import { authRoutes, type LoginLimits } from './auth-routes.js';
import { accountRoutes } from './account-routes.js';
import type { SessionEraser } from '../erasure/index.js';

export interface ApiDeps {
  /** Hot store with the cold-storage fallback for archived sessions. */
  store: ReplayReader;
  /** The project of the session routes mounted at /api/sessions (the default project). */
  projectId: string;
  accounts: Accounts;
  /** Open access for requests without credentials while no account exists (loopback only). */
  openWithoutAccounts: boolean;
  loginLimits: LoginLimits;
  /** Batches the processor set aside. */
  deadLetters: DeadLetterAdmin;
  /** Captured assets (`--capture-assets`); absent when capture is off. */
  assets?: AssetLibrary;
  eraser: SessionEraser;
}

/** Read API for the dashboard (session list, replay manifest, chunk bytes) and the dead letters. */
export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  refuseCrossOriginWrites(app);
  await app.register(cookie);
  await registerRateLimits(app);
  authenticate(app, { accounts: deps.accounts, openWithoutAccounts: deps.openWithoutAccounts });
  authRoutes(app, deps.accounts, deps.loginLimits);
  accountRoutes(app, deps.accounts);
  // Dead letters hold batches of every project: a server admin's business.
  await app.register(async (scope) => {
    scope.addHook('preHandler', async (req) => { requireServerAdmin(req); });
    await deadLetterRoutes(scope, deps.deadLetters);
  });
  // One set of session routes, mounted twice: under a project, and (for scripts written before
  // projects, and the default project's links) at /api/sessions for the default project.
  const sessions = (scope: FastifyInstance) => sessionRoutes(scope, deps);
  await app.register(sessions, { prefix: PROJECT_SESSIONS_PREFIX });
  await app.register(sessions, { prefix: SESSIONS_PATH });
  // The API's description: public, like the API's documentation would be.
  const description = openApiDocument(SERVER_VERSION);
  app.get(OPENAPI_PATH, async (_req, reply) => reply.header('Cache-Control', 'no-cache').send(description));
  const maps = (scope: FastifyInstance) => mapRoutes(scope, deps);
  await app.register(maps, { prefix: PROJECT_MAPS_PREFIX });
  await app.register(maps, { prefix: MAPS_PATH });
}
