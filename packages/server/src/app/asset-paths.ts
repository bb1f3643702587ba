import { fileURLToPath } from 'node:url';
import type { StaticPaths } from '../api/static-routes.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the built dashboard, SDK bundle and demo live in this repository. */
export const defaultAssetPaths = (): StaticPaths => ({
  dashboardDir: `${repoRoot}packages/dashboard/dist`,
  sdkFile: `${repoRoot}packages/sdk/dist/gosight.js`,
  demoDir: `${repoRoot}packages/demo/public`,
});
