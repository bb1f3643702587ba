import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Where `npm start` runs the GoSight server; the dev server forwards API, ingest, SDK and demo
 * to it. GOSIGHT_SERVER_ORIGIN points it elsewhere.
 */
const SERVER_ORIGIN = process.env.GOSIGHT_SERVER_ORIGIN ?? 'http://127.0.0.1:3000';

/**
 * Tells index.html's boot script the built player chunk's file names (they are content
 * hashed), so a replay URL can start downloading the player together with the app instead of
 * after it. The session list does not load them.
 */
function playerChunkNames(): Plugin {
  return {
    name: 'gosight-player-chunk-names',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/player-ui/PlayerPage.tsx'),
        );
        if (!chunk || chunk.type !== 'chunk') return html;
        const files = { script: `/${chunk.fileName}`, styles: [...(chunk.viteMetadata?.importedCss ?? [])].map((name) => `/${name}`) };
        return html.replace('var playerFiles = null;', `var playerFiles = ${JSON.stringify(files)};`);
      },
    },
  };
}

export default defineConfig({
  // Pinned so `vite build` works from any working directory (the workspace root included).
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), playerChunkNames()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': SERVER_ORIGIN,
      '/v1': SERVER_ORIGIN,
      '/sdk': SERVER_ORIGIN,
      '/demo': SERVER_ORIGIN,
    },
  },
});
