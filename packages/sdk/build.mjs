// Builds the browser SDK: dist/gosight.js (minified IIFE, global `GoSight`, served by the
// server at /sdk/gosight.js) and dist/esm/index.js (ESM for bundler users, rrweb external),
// and prints the IIFE's gzipped size against its 45 KB budget.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { recordOnlyRrweb } from './build/record-only-rrweb.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const IIFE_BUDGET_GZIP_BYTES = 45 * 1024;

const common = {
  bundle: true,
  platform: 'browser',
  target: 'es2019',
  logLevel: 'warning',
  // rrweb's bundled postcss reads process.env.NODE_ENV; there is no `process` in a browser.
  define: { 'process.env.NODE_ENV': '"production"' },
};

const trim = recordOnlyRrweb();
await build({
  ...common,
  entryPoints: [join(root, 'src/iife.ts')],
  outfile: join(root, 'dist/gosight.js'),
  format: 'iife',
  globalName: 'GoSight',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [trim.plugin],
});

await build({
  ...common,
  entryPoints: [join(root, 'src/index.ts')],
  outfile: join(root, 'dist/esm/index.js'),
  format: 'esm',
  external: ['rrweb', '@rrweb/*'],
  sourcemap: 'linked',
});

const iife = readFileSync(join(root, 'dist/gosight.js'));
const gzipped = gzipSync(iife, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = gzipped <= IIFE_BUDGET_GZIP_BYTES ? 'within' : 'OVER';
console.log(`sdk: dist/gosight.js ${kb(iife.length)}, ${kb(gzipped)} gzipped (${verdict} the ${kb(IIFE_BUDGET_GZIP_BYTES)} budget)`);
if (!trim.applied()) console.warn('sdk: rrweb was bundled whole (its layout changed); see build/record-only-rrweb.mjs');
