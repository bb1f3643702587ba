import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { apiRoutes, type ApiDeps } from '../api/api-routes.js';
import { staticRoutes, type StaticDeps } from '../api/static-routes.js';
import { ingestRoutes, type IngestDeps } from '../ingest/index.js';
import { errorHandler } from './error-handler.js';

export interface AppDeps {
  logger: Logger;
  /** Ingest routes; omitted by an API-only process. */
  ingest?: IngestDeps;
  /** Read API; omitted by an ingest-only process. */
  api?: ApiDeps;
  /** Dashboard, SDK bundle and demo; omitted by tests that only need HTTP endpoints. */
  assets?: StaticDeps;
}

/**
 * The HTTP server: ingest, read API and static assets, each in its own encapsulated
 * plugin (ingest has its own body parser and open CORS), with one error handler.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request lines would flood the log at ingest rates; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    // Ingest bodies are capped by their own parser; everything else is tiny.
    bodyLimit: 64 * 1024,
    trustProxy: true,
  });
  app.setErrorHandler(errorHandler);
  const { ingest, api } = deps;
  if (ingest) await app.register(async (scope) => ingestRoutes(scope, ingest));
  if (api) await app.register(async (scope) => apiRoutes(scope, api));
  else app.get('/api/health', async () => ({ ok: true }));
  if (deps.assets) {
    const assets = deps.assets;
    await app.register(async (scope) => {
      scope.setErrorHandler(errorHandler);
      await staticRoutes(scope, assets);
    });
  }
  return app;
}
