import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import proxyAddr from '@fastify/proxy-addr';
import { apiRoutes, type ApiDeps } from '../api/api-routes.js';
import { staticRoutes, type StaticDeps } from '../api/static-routes.js';
import { ingestRoutes, type IngestDeps } from '../ingest/index.js';
import {
  allowedHostMatcher, drainUnreadBodies, enforceAllowedHosts, errorHandler, inlineScriptHashes, registerSecurityHeaders, timeoutOptions, type HttpLimits,
} from '../http/index.js';
import { opsRoutes } from '../ops/ops-routes.js';
import type { HealthSources } from '../ops/health.js';
import type { GoSightMetrics } from '../ops/metrics.js';

/** How the HTTP server meets the outside world. */
export interface HttpSurface {
  /** `--allowed-hosts`: Host names answered. */
  allowedHosts: string;
  /** The address listened on (a specific one is allowed as a Host name). */
  listenHost: string;
  /** `--trust-proxy`; unset trusts no X-Forwarded-* header. */
  trustProxy: string | undefined;
  limits: HttpLimits;
}

export interface AppDeps {
  logger: Logger;
  http: HttpSurface;
  /** What /api/health reports and /metrics serves. */
  health: HealthSources;
  metrics: GoSightMetrics;
  /** Ingest routes; omitted by an API-only process. */
  ingest?: IngestDeps;
  /** Read API; omitted by an ingest-only process. */
  api?: ApiDeps;
  /** Dashboard, SDK bundle and demo; omitted by tests that only need HTTP endpoints. */
  assets?: StaticDeps;
}

/**
 * The HTTP server: ingest, read API, health and metrics, and static assets, each in its
 * own encapsulated plugin (ingest has its own body parser and open CORS), with one error
 * handler. Before any route: the security headers, then the Host allow-list.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request lines would flood the log at ingest rates; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    // Ingest bodies are capped by their own parser; everything else is tiny.
    bodyLimit: 64 * 1024,
    trustProxy: parseTrustProxy(deps.http.trustProxy),
    ...timeoutOptions(deps.http.limits),
  });
  app.setErrorHandler(errorHandler);
  drainUnreadBodies(app);
  const paths = deps.assets?.paths;
  await registerSecurityHeaders(app, paths ? inlineScriptHashes([paths.dashboardDir, paths.demoDir]) : [], !!deps.api?.assets);
  enforceAllowedHosts(app, allowedHostMatcher(deps.http.allowedHosts, deps.http.listenHost));
  await app.register(async (scope) => opsRoutes(scope, { health: deps.health, metrics: deps.metrics }));
  const { ingest, api } = deps;
  if (ingest) await app.register(async (scope) => ingestRoutes(scope, ingest));
  if (api) await app.register(async (scope) => apiRoutes(scope, api));
  if (deps.assets) {
    const assets = deps.assets;
    await app.register(async (scope) => {
      scope.setErrorHandler(errorHandler);
      await staticRoutes(scope, assets);
    });
  }
  return app;
}

/** Whether a connection's peer address is a trusted proxy (all peers with `true` or a hop count). */
export function trustedProxyMatcher(value: string | undefined): (address: string) => boolean {
  const trust = parseTrustProxy(value);
  if (trust === false) return () => false;
  if (trust === true || typeof trust === 'function') return () => true;
  const isTrusted = proxyAddr.compile(trust);
  return (address) => isTrusted(address, 0);
}

/** `--trust-proxy` as Fastify takes it: true, the nearest N hops, or a list of addresses. */
export function parseTrustProxy(value: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
