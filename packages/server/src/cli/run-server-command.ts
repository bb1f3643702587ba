import type { Config } from '../config/index.js';
import { startServer, type Role } from '../app/start-server.js';
import { ConfigError } from '../config/index.js';
import { waitForStopSignal } from './stop-signal.js';
import type { StaticPaths } from '../api/static-routes.js';

/** Runs a server command (start, ingest, process, api) until SIGINT or SIGTERM. */
export async function runServerCommand(command: string, roles: Role[], config: Readonly<Config>, assets: StaticPaths): Promise<number> {
  if (command !== 'start' && config.queue === 'file' && roles.some((r) => r === 'ingest' || r === 'process')) {
    throw new ConfigError(`gosight ${command} runs one part of the pipeline; the parts meet through Kafka: set --queue kafka and --kafka-brokers (the embedded queue only works inside gosight start)`);
  }
  const server = await startServer(config, roles, assets);
  const lines = ['', `GoSight ${command} is running (${roles.join(' + ')})`];
  if (server.url && roles.includes('api')) {
    lines.push(`  Dashboard    ${server.url}/`, `  Demo app     ${server.url}/demo/`, `  SDK          ${server.url}/sdk/gosight.js`);
  }
  if (server.url && roles.includes('ingest')) lines.push(`  Ingest       POST ${server.url}/v1/replay`);
  if (roles.includes('ingest')) lines.push(`  Project key  ${server.project.projectKey} (project "${server.project.projectId}", ${server.project.source})`);
  if (server.describe.queue) lines.push(`  Queue        ${server.describe.queue}`);
  if (server.describe.store) lines.push(`  Store        ${server.describe.store}`);
  if (server.describe.cold) lines.push(`  Cold store   ${server.describe.cold}`);
  lines.push(`  Data         ${server.dataDir}`);
  if (server.url) lines.push(`  Health       ${server.url}/api/health  (Prometheus metrics: ${server.url}/metrics)`);
  const caps = server.describe.connections;
  lines.push(`  HTTP         Host names allowed: ${server.describe.allowedHosts} (--allowed-hosts); at most ${caps?.total} connections, ${caps?.perAddress || 'any number'} per client address`);
  if (roles.includes('api')) lines.push(`  Access       ${server.access}`);
  lines.push('');
  if (command === 'start') lines.push('Open the demo app, click around, then find your session in the dashboard. Ctrl+C stops.', '');
  process.stdout.write(lines.join('\n'));
  const signal = await waitForStopSignal();
  process.stdout.write(`\nStopping (${signal}): writing pending chunks...\n`);
  await server.close();
  process.stdout.write('Stopped.\n');
  return 0;
}
