// Builds the browser SDK: dist/gosight.js (minified IIFE, global `GoSight`, served by the
// server at /sdk/gosight.js) and dist/esm/index.js (ESM for bundler users, rrweb external).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));

const common = {
  bundle: true,
  platform: 'browser',
  target: 'es2019',
  logLevel: 'warning',
  // rrweb's bundled postcss reads process.env.NODE_ENV; there is no `process` in a browser.
  define: { 'process.env.NODE_ENV': '"production"' },
};

await build({
  ...common,
  entryPoints: [join(root, 'src/iife.ts')],
  outfile: join(root, 'dist/gosight.js'),
  format: 'iife',
  globalName: 'GoSight',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
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
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`sdk: dist/gosight.js ${kb(iife.length)}, ${kb(gzipSync(iife).length)} gzipped`);
