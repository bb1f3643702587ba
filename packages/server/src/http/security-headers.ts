import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/** Sources a replay legitimately loads: the recorded page's images, fonts, stylesheets and media, from wherever it had them. */
const RECORDED_PAGE_SOURCES = ['http:', 'https:', 'data:', 'blob:'];
/** With asset capture on, a replay loads captured copies from our origin (plus inline data): no other host. */
const CAPTURED_ASSET_SOURCES = ['data:', 'blob:'];

/**
 * The Content-Security-Policy of every page we serve (the dashboard and the demo). Scripts
 * run only from our origin, plus the inline boot scripts of our own pages by hash; the
 * replayed page is rebuilt in an about:blank iframe, which inherits this policy, so nothing
 * it recorded can run there even if the iframe's sandbox failed. Styles, images, fonts and
 * media stay open to any origin, and inline styles are allowed, because a replay shows the
 * recorded page with the styles and assets it had; with asset capture on they are closed to
 * everything but our origin, so watching a replay asks the recorded site for nothing. `frame-ancestors 'none'` stops other
 * sites framing the dashboard.
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[], capturedAssets = false): Record<string, string[]> {
  // With asset capture on, replays load captured copies from us: nothing else may be asked.
  const recorded = capturedAssets ? CAPTURED_ASSET_SOURCES : RECORDED_PAGE_SOURCES;
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...inlineScriptHashes.map((h) => `'${h}'`)],
    styleSrc: ["'self'", "'unsafe-inline'", ...recorded],
    imgSrc: ["'self'", ...recorded],
    fontSrc: ["'self'", ...recorded],
    mediaSrc: ["'self'", ...recorded],
    connectSrc: ["'self'"],
    // The SDK on the demo pages gzips and sends from a Blob worker.
    workerSrc: ["'self'", 'blob:'],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

/**
 * Security headers on every answer (helmet): the CSP above, `X-Content-Type-Options:
 * nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` (so what a replay loads
 * from the recorded site does not tell that site who is watching, or from where),
 * `Cross-Origin-Opener-Policy` and `-Resource-Policy: same-origin` (the SDK bundle and
 * ingest answers opt out: other sites load and call them). No HSTS: TLS ends at the
 * operator's proxy, which owns that header.
 */
export async function registerSecurityHeaders(app: FastifyInstance, inlineScriptHashes: readonly string[], capturedAssets = false): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(inlineScriptHashes, capturedAssets) },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
}

/** `sha256-…` of each inline `<script>` (without `src`) in the HTML files of `dirs`. */
export function inlineScriptHashes(dirs: readonly string[]): string[] {
  const hashes = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.html'))) {
      const html = readFileSync(join(dir, name), 'utf8');
      for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
        if (/\ssrc\s*=/i.test(m[1] ?? '') || m[2].trim() === '') continue;
        hashes.add(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
      }
    }
  }
  return [...hashes].sort();
}
