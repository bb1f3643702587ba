import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { GoSightError } from '../errors/index.js';

export interface StaticPaths {
  /** Built dashboard (index.html + assets). */
  dashboardDir: string;
  /** Built SDK IIFE file served at /sdk/gosight.js. */
  sdkFile: string;
  /** Demo app's static files, served at /demo/. */
  demoDir: string;
}

export interface StaticDeps {
  paths: StaticPaths;
  /** Values the demo page needs to call GoSight.init. */
  demoConfig: { projectKey: string };
}

const NOT_BUILT = 'is not built: run `npm run build` (npm install runs it for you)';

/** Serves the dashboard (with SPA fallback), the SDK bundle and the demo app. */
export async function staticRoutes(app: FastifyInstance, deps: StaticDeps): Promise<void> {
  const { paths } = deps;
  const sdkDir = paths.sdkFile.slice(0, paths.sdkFile.lastIndexOf('/'));
  const sdkName = paths.sdkFile.slice(sdkDir.length + 1);

  await app.register(fastifyStatic, { root: paths.demoDir, prefix: '/demo/', decorateReply: false, index: 'index.html' });
  await app.register(fastifyStatic, { root: sdkDir, prefix: '/sdk-files/', serve: false });
  if (existsSync(paths.dashboardDir)) {
    await app.register(fastifyStatic, { root: paths.dashboardDir, prefix: '/', decorateReply: false, wildcard: false, index: false });
  }

  app.get('/demo', (_req, reply) => reply.redirect('/demo/'));
  app.get('/demo/config.js', (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    const config = { endpoint: origin, projectKey: deps.demoConfig.projectKey };
    return reply.type('application/javascript').header('Cache-Control', 'no-store')
      .send(`window.GOSIGHT_DEMO = ${JSON.stringify(config)};\n`);
  });
  // The demo shop's payment endpoint fails on purpose, so the demo has a failed checkout to search for.
  app.post('/demo/api/checkout', (_req, reply) => reply.code(503).header('Cache-Control', 'no-store')
    .send({ error: { code: 'DEMO_PAYMENT_GATEWAY_TIMEOUT', message: 'the demo payment gateway always times out' } }));
  app.get('/sdk/gosight.js', (_req, reply) => {
    if (!existsSync(paths.sdkFile)) throw new GoSightError('NOT_FOUND', `the SDK bundle ${NOT_BUILT}`);
    // Every recorded site loads the bundle: open to other origins, unlike the rest.
    return reply.header('Access-Control-Allow-Origin', '*').header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Cache-Control', 'public, max-age=300').sendFile(sdkName, sdkDir);
  });

  // Any other GET for a page is the single-page dashboard: its router decides.
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !/^\/(api|v1|sdk|demo)(\/|$)/.test(req.url);
    if (!isPage) throw new GoSightError('NOT_FOUND', `no route for ${req.method} ${req.url.split('?')[0]}`);
    if (!existsSync(`${paths.dashboardDir}/index.html`)) throw new GoSightError('NOT_FOUND', `the dashboard ${NOT_BUILT}`);
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', paths.dashboardDir);
  });
}
