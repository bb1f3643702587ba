import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Where `npm start` runs the GoSight server; the dev server forwards API, ingest, SDK and demo
 * to it. GOSIGHT_SERVER_ORIGIN points it elsewhere.
 */
const SERVER_ORIGIN = process.env.GOSIGHT_SERVER_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // Pinned so `vite build` works from any working directory (the workspace root included).
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
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
