import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Config } from '../config/index.js';

/** The settings of the HTTP server's limits (documented in config/settings.ts). */
export type HttpLimits = Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'keepAliveTimeoutMs'
  | 'maxConnections' | 'maxConnectionsPerAddress'>;

/** How often Node checks connections against the header and request timeouts. */
const TIMEOUT_CHECK_MS = 1_000;
/** File descriptors kept for the queue, the store, the logs and the lock. */
const DESCRIPTORS_KEPT = 256;
const FALLBACK_MAX_CONNECTIONS = 1_024;

/**
 * Fastify server options that close slow clients: headers must arrive within
 * `headersTimeoutMs`, the whole request within `requestTimeoutMs`, no connection stays
 * silent past `idleTimeoutMs`, and idle keep-alive sockets close after `keepAliveTimeoutMs`.
 * Node checks the first two every second, so a slow client is gone at most a second late.
 */
export function timeoutOptions(l: HttpLimits) {
  return {
    http: { headersTimeout: l.headersTimeoutMs, requestTimeout: l.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    requestTimeout: l.requestTimeoutMs,
    connectionTimeout: l.idleTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
  };
}

/**
 * Caps open connections so a flood of them closes at once instead of taking every file
 * descriptor (which would make the queue, the store and every other request fail), and
 * caps them per client address, so one client holding slow connections cannot take every
 * slot either. Trusted proxies (everyone's requests come through them) are exempt from the
 * per-address cap. Returns the caps in force.
 */
export function capConnections(server: Server, limits: Pick<HttpLimits, 'maxConnections' | 'maxConnectionsPerAddress'>,
  isTrustedProxy: (address: string) => boolean): { total: number; perAddress: number } {
  const total = limits.maxConnections ?? defaultMaxConnections();
  server.maxConnections = total;
  const perAddress = limits.maxConnectionsPerAddress ?? Math.max(16, Math.floor(total / 8));
  if (perAddress > 0) {
    const open = new Map<string, number>();
    server.on('connection', (socket) => {
      const address = socket.remoteAddress ?? '';
      if (isTrustedProxy(address)) return;
      const count = (open.get(address) ?? 0) + 1;
      if (count > perAddress) {
        socket.destroy();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    });
  }
  return { total, perAddress };
}

/** The soft open-files limit less what the process needs besides HTTP (Linux); 1024 elsewhere. */
export function defaultMaxConnections(limitsText?: string): number {
  try {
    const text = limitsText ?? readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
    if (!soft) return FALLBACK_MAX_CONNECTIONS;
    if (soft === 'unlimited') return 65_536;
    return Math.max(64, Number(soft) - DESCRIPTORS_KEPT);
  } catch {
    return FALLBACK_MAX_CONNECTIONS;
  }
}
