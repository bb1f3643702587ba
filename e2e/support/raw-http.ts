import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One HTTP request with the path sent exactly as given (fetch would normalise `..` and
 * percent-escapes away, which is what path-traversal probes must not have done for them).
 * A connection the server cut before answering comes back as status 0.
 */
export function rawRequest(baseUrl: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    // A new connection per request: a server that cut the last one must not cost this one its answer.
    const req = request({ host: hostname, port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

/** A raw TCP connection to the server, for slow-client tests; `closed` resolves with the time it was cut. */
export function openSocket(baseUrl: string, localAddress?: string): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ port: Number(port), host: hostname, localAddress });
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}
