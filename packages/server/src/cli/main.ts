import { loadConfig, ConfigError, helpText } from '../config/index.js';
import { startServer } from '../app/start-server.js';

/**
 * `gosight <command> [options]`. `start` runs everything in one process (what `npm start`
 * runs). Settings come from flags, GOSIGHT_* environment variables or a --config file.
 */
const COMMANDS: Record<string, string> = {
  start: 'Runs GoSight all-in-one: ingest, embedded queue, processor, store (embedded chDB unless --clickhouse-url is set), API, dashboard, SDK and demo.',
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`Usage: gosight <command> [options]\n\nCommands:\n${Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(8)} ${d}`).join('\n')}\n\nRun gosight <command> --help for its options.\n`);
    return command ? 0 : 1;
  }
  if (!(command in COMMANDS)) {
    process.stderr.write(`gosight: unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${helpText(command, COMMANDS[command])}\n`);
    return 0;
  }
  const config = loadConfig({ argv: rest, env: process.env });
  const server = await startServer(config);
  const mode = config.clickhouseUrl ? 'ClickHouse server' : 'embedded';
  process.stdout.write([
    '',
    `GoSight is running (${mode} mode)`,
    `  Dashboard    ${server.url}/`,
    `  Demo app     ${server.url}/demo/`,
    `  Ingest       POST ${server.url}/v1/replay`,
    `  SDK          ${server.url}/sdk/gosight.js`,
    `  Project key  ${server.project.projectKey} (project "${server.project.projectId}", ${server.project.source})`,
    `  Data         ${server.dataDir}`,
    `  Store        ${server.storeDescription}`,
    '',
    'Open the demo app, click around, then find your session in the dashboard. Ctrl+C stops.',
    '',
  ].join('\n'));

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.stderr.write(`gosight: ${signal} again, exiting without a clean stop\n`);
        process.exit(130);
      }
      stopping = true;
      process.stdout.write(`\nStopping (${signal}): writing pending chunks...\n`);
      server.close().then(resolveStop, (err: unknown) => {
        process.stderr.write(`gosight: error while stopping: ${(err as Error).message}\n`);
        resolveStop();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  process.stdout.write('Stopped.\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError ? err.message : (err as Error).message ?? String(err);
    process.stderr.write(`gosight: ${message}\n`);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') process.stderr.write('gosight: the port is in use; pick another with --port or GOSIGHT_PORT\n');
    process.exit(1);
  },
);
