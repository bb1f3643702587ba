#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so no separate compile step is needed.
// This entry point knows the repository it ships in: it tells the server where the built
// dashboard, SDK bundle and demo pages are.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const { runCli } = await import('../src/cli/main.ts');
runCli(process.argv.slice(2), {
  dashboardDir: `${repoRoot}packages/dashboard/dist`,
  sdkFile: `${repoRoot}packages/sdk/dist/gosight.js`,
  demoDir: `${repoRoot}packages/demo/public`,
});
