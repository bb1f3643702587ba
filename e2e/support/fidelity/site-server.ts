import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { ensureSdkBundle } from '../sdk-servers.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PAGES = join(repoRoot, 'e2e/fixtures/fidelity');
const FONT = join(repoRoot, 'node_modules/@fontsource/lobster/files/lobster-latin-400-normal.woff2');

/** The recorded site of the fidelity suite: pages, one stylesheet, a web font and images, all from this origin. */
export interface FidelitySite {
  url: string;
  /** Requests served since the last `resetRequests`, as "METHOD path" (browsers) or "CAPTURE path" (GoSight's asset capture). */
  requests(): string[];
  resetRequests(): void;
  /** Stops the site (the "site gone" scenario): every later request fails to connect. */
  stop(): Promise<void>;
}

/** A patterned PNG per name: each image of the site looks different, so a wrong or missing one shows. */
function imageFor(name: string, width = 96, height = 72): Buffer {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const png = new PNG({ width, height });
  const hue = [hash & 0xff, (hash >> 8) & 0xff, (hash >> 16) & 0xff];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const on = ((x >> 3) + (y >> 3) + (hash & 3)) % 3 === 0;
      const at = (y * width + x) * 4;
      png.data[at] = on ? hue[0] : 255 - hue[0];
      png.data[at + 1] = on ? hue[1] : 200;
      png.data[at + 2] = on ? hue[2] : 255 - hue[2];
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export async function startFidelitySite(): Promise<FidelitySite> {
  const bundle = ensureSdkBundle();
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    seen.push(`${String(req.headers['user-agent']).startsWith('GoSight-AssetCapture') ? 'CAPTURE' : req.method} ${path}`);
    // Nothing is cached: a replay that still needs the site must ask it again.
    const send = (type: string, body: Buffer | string) => res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    if (path === '/sdk/gosight.js') return send('text/javascript', readFileSync(bundle));
    if (path === '/assets/site.css') return send('text/css', readFileSync(join(PAGES, 'site.css')));
    if (path === '/assets/fonts/brand.woff2') return send('font/woff2', readFileSync(FONT));
    const image = /^\/assets\/img\/([a-z0-9-]+)\.png$/.exec(path);
    if (image) return send('image/png', image[1] === 'large' ? imageFor(image[1], 192, 144) : imageFor(image[1]));
    const page = /^\/([a-z-]+\.html)$/.exec(path);
    if (page) {
      try {
        return send('text/html; charset=utf-8', readFileSync(join(PAGES, page[1])));
      } catch {
        // not a fixture page
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...seen],
    resetRequests: () => void (seen.length = 0),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
