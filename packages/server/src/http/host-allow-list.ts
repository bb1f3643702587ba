import type { FastifyInstance } from 'fastify';
import { GoSightError } from '../errors/index.js';

/** Addresses that mean "every interface": not a name a client would send. */
const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::', '[::]']);

/** The host part of a Host header or list entry: lower case, no port, IPv6 without brackets. */
export function hostName(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(1, v.indexOf(']') > 0 ? v.indexOf(']') : undefined);
  const colon = v.indexOf(':');
  // One colon is a port; more is a bare IPv6 address.
  return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.slice(0, colon) : v;
}

/**
 * A matcher for the `--allowed-hosts` list: exact names, `*.example.com` for subdomains,
 * `*` for any. The address the server listens on is allowed too, unless it is a wildcard.
 */
export function allowedHostMatcher(list: string, listenHost: string): (host: string | undefined) => boolean {
  const entries = list.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.includes('*')) return () => true;
  const exact = new Set(entries.filter((e) => !e.startsWith('*.')).map(hostName));
  if (!WILDCARD_ADDRESSES.has(listenHost.trim())) exact.add(hostName(listenHost));
  const suffixes = entries.filter((e) => e.startsWith('*.')).map((e) => hostName(e.slice(1)));
  return (host) => {
    if (!host) return false;
    const name = hostName(host);
    return exact.has(name) || suffixes.some((s) => name.endsWith(s) && name.length > s.length);
  };
}

/**
 * Answers 403 to requests whose Host header (or X-Forwarded-Host from a trusted proxy) is
 * not on the list, before any route runs. A web page that rebinds its own domain name to
 * this server's address sends its own name as Host, so it cannot read the API even when
 * the server listens on loopback.
 */
export function enforceAllowedHosts(app: FastifyInstance, isAllowed: (host: string | undefined) => boolean): void {
  app.addHook('onRequest', async (req) => {
    const host = req.headers.host === undefined ? undefined : req.host;
    if (!isAllowed(host)) {
      const shown = (host ?? '').slice(0, 100);
      throw new GoSightError('HOST_NOT_ALLOWED', host
        ? `Host "${shown}" is not allowed: add "${hostName(shown)}" to --allowed-hosts (GOSIGHT_ALLOWED_HOSTS) to serve it`
        : 'the request has no Host header');
    }
  });
}
