import type { FastifyInstance } from 'fastify';
import { healthReport, type HealthSources } from './health.js';
import type { GoSightMetrics } from './metrics.js';

/** `GET /api/health` (the parts of this process and what is wrong) and `GET /metrics` (Prometheus). */
export async function opsRoutes(app: FastifyInstance, deps: { health: HealthSources; metrics: GoSightMetrics }): Promise<void> {
  app.get('/api/health', async (_req, reply) => reply.header('Cache-Control', 'no-store').send(healthReport(deps.health)));
  app.get('/metrics', async (_req, reply) =>
    reply.type(deps.metrics.registry.contentType).header('Cache-Control', 'no-store').send(await deps.metrics.registry.metrics()));
}
