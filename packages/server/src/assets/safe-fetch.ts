import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface SafeFetchOptions {
  /** Private, loopback and link-local addresses too (an intranet site, tests). Default: refused. */
  allowPrivateHosts: boolean;
  /** Largest body read; a longer one is refused. */
  maxBytes: number;
  timeoutMs: number;
}

export type FetchedAsset = { ok: true; bytes: Buffer; type: string } | { ok: false; reason: string };

const MAX_REDIRECTS = 3;
const USER_AGENT = 'GoSight-AssetCapture/1 (+session replay; fetches assets recorded pages used)';

/**
 * Fetches one public asset for capture. Every connection goes through request-filtering-agent,
 * which checks the address a host name resolved to at connect time (so DNS rebinding does
 * not help) and refuses private, loopback, link-local and cloud-metadata addresses unless
 * allowed. Only http(s); no cookies or credentials are ever sent (URLs with user:password are
 * refused); at most 3 redirects, each checked the same way; the body is cut off at `maxBytes`.
 */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<FetchedAsset> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return { ok: false, reason: 'not a URL' };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: `${parsed.protocol} is not fetched` };
    if (parsed.username || parsed.password) return { ok: false, reason: 'URLs with credentials are not fetched' };
    const response = await get(parsed, options).catch((error: Error) => error);
    if (response instanceof Error) return { ok: false, reason: response.message };
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      current = new URL(response.headers.location, parsed).href;
      continue;
    }
    if (status !== 200) {
      response.resume();
      return { ok: false, reason: `answered ${status}` };
    }
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      response.destroy();
      return { ok: false, reason: `larger than ${options.maxBytes} bytes` };
    }
    const body = await readCapped(response, options.maxBytes);
    if (!body) return { ok: false, reason: `larger than ${options.maxBytes} bytes` };
    return { ok: true, bytes: body, type: String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim().toLowerCase() };
  }
  return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
}

function get(url: URL, options: SafeFetchOptions): Promise<IncomingMessage> {
  const filter = { allowPrivateIPAddress: options.allowPrivateHosts, allowMetaIPAddress: false };
  const secure = url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent, headers: { 'User-Agent': USER_AGENT, Accept: '*/*' }, timeout: options.timeoutMs }, resolve);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    response.on('data', (part: Buffer) => {
      size += part.length;
      if (size > maxBytes) {
        response.destroy();
        resolve(null);
      } else parts.push(part);
    });
    response.on('end', () => resolve(Buffer.concat(parts)));
    response.on('error', reject);
  });
}
