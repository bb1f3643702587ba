import { loadConfig, helpText } from '../config/index.js';
import type { StaticPaths } from '../api/static-routes.js';
import { COMMANDS } from './commands.js';
import { runServerCommand } from './run-server-command.js';
import { runArchiveCommand } from './run-archive-command.js';
import { runAssetsSweepCommand } from './run-assets-sweep-command.js';
import { DEAD_LETTERS_USAGE, runDeadLettersCommand } from './run-dead-letters-command.js';
import { ACCOUNTS_USAGE, runAccountsCommand } from './run-accounts-command.js';
import { DELETE_USAGE, runDeleteCommand } from './run-delete-command.js';

const ACCOUNT_COMMANDS = new Set(['users', 'tokens', 'projects']);

/**
 * `gosight <command> [options]`. Settings come from flags, GOSIGHT_* environment variables
 * or a --config file; `gosight <command> --help` lists them.
 */
async function main(argv: string[], assets: StaticPaths): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const list = Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(12)} ${d.summary}`).join('\n');
    process.stdout.write(`Usage: gosight <command> [options]\n\nCommands:\n${list}\n\nRun gosight <command> --help for its options.\n`);
    return command ? 0 : 1;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    process.stderr.write(`gosight: unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const usage = command === 'dead-letters' ? DEAD_LETTERS_USAGE : command === 'delete' ? DELETE_USAGE
      : ACCOUNT_COMMANDS.has(command) ? ACCOUNTS_USAGE : helpText(command, spec.summary);
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (command === 'dead-letters') return runDeadLettersCommand(rest);
  if (command === 'delete') return runDeleteCommand(rest);
  if (ACCOUNT_COMMANDS.has(command)) return runAccountsCommand(command as 'users' | 'tokens' | 'projects', rest);
  const config = loadConfig({ argv: rest, env: process.env });
  if (command === 'assets-sweep') return runAssetsSweepCommand(config);
  return spec.roles ? runServerCommand(command, spec.roles, config, assets) : runArchiveCommand(config);
}

/**
 * Runs the CLI and exits with its code. `assets` says where the built dashboard, SDK bundle
 * and demo are: the entry point knows the layout it ships in (bin/gosight.mjs).
 */
export function runCli(argv: string[], assets: StaticPaths): void {
  main(argv, assets).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const message = (err as Error).message ?? String(err);
      process.stderr.write(`gosight: ${message}\n`);
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') process.stderr.write('gosight: the port is in use; pick another with --port or GOSIGHT_PORT\n');
      process.exit(1);
    },
  );
}
