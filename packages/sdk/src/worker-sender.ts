import type { BodyParts } from './batch.js';
import type { Logger } from './logger.js';

/** What one POST from the worker came to. */
export type WorkerSendResult = { status: number; retryAfter: string | null } | { networkError: true };

/** Gzips and POSTs batch bodies from a dedicated worker. */
export interface WorkerSender {
  /** Resolves with the answer or a network error; rejects if the worker cannot do it (callers fall back to the main thread). */
  send(url: string, headers: Record<string, string>, parts: BodyParts): Promise<WorkerSendResult>;
}

/**
 * The worker's whole source: join the body's pieces in a Blob, gzip it with CompressionStream
 * (plain JSON if that fails), POST, and report the status and Retry-After. Plain ES5 in a string, so it needs no second file.
 */
const WORKER_SOURCE = `self.onmessage=function(e){var d=e.data,h=d.headers,text=new Blob(d.parts);function post(body,gz){var hh={};for(var k in h)hh[k]=h[k];if(gz)hh['Content-Encoding']='gzip';return fetch(d.url,{method:'POST',body:body,headers:hh,credentials:'omit'})}var p;try{p=new Response(text.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer().then(function(b){return post(b,true)},function(){return post(text,false)})}catch(x){p=post(text,false)}p.then(function(r){self.postMessage({id:d.id,status:r.status,retryAfter:r.headers.get('retry-after')})},function(){self.postMessage({id:d.id,networkError:true})})}`;

/** A worker that has not answered in this long is treated as broken (the main thread takes over). */
const WORKER_TIMEOUT_MS = 60_000;

export interface WorkerEnv {
  Worker?: typeof Worker;
  Blob?: typeof Blob;
  URL?: { createObjectURL(blob: Blob): string };
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * A dedicated worker, built from a Blob URL, that gzips and sends each batch, so neither
 * zlib (in a window, CompressionStream compresses on the thread that owns the stream) nor
 * the request's body handling runs on the page's main thread: the main thread only copies
 * the batch's pieces into the worker. Returns null where workers are unavailable. A worker that
 * fails later (a CSP without `worker-src blob:`, a crash, a timeout) rejects every call, and
 * the transport sends from the main thread instead.
 */
export function createWorkerSender(env: WorkerEnv, log: Logger): WorkerSender | null {
  const { Worker: WorkerCtor, Blob: BlobCtor, URL: urls } = env;
  if (typeof WorkerCtor !== 'function' || typeof BlobCtor !== 'function' || !urls || typeof urls.createObjectURL !== 'function') return null;
  let worker: Worker;
  try {
    worker = new WorkerCtor(urls.createObjectURL(new BlobCtor([WORKER_SOURCE], { type: 'text/javascript' })), { name: 'gosight-sender' });
  } catch (error) {
    log.debug('sender worker unavailable', error);
    return null;
  }
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: WorkerSendResult) => void; reject: (error: Error) => void; timer: unknown }>();

  const fail = (reason: string): void => {
    if (!broken) log.debug(`sender worker failed (${reason}); sending from the main thread`);
    broken = true;
    for (const [id, call] of pending) {
      env.clearTimeout(call.timer);
      call.reject(new Error(reason));
      pending.delete(id);
    }
    try {
      worker.terminate();
    } catch {
      // Already gone.
    }
  };

  worker.onmessage = (event: MessageEvent<{ id: number; status?: number; retryAfter?: string | null; networkError?: boolean }>) => {
    const call = pending.get(event.data.id);
    if (!call) return;
    pending.delete(event.data.id);
    env.clearTimeout(call.timer);
    const { status, retryAfter } = event.data;
    call.resolve(typeof status === 'number' ? { status, retryAfter: retryAfter ?? null } : { networkError: true });
  };
  worker.onerror = () => fail('worker error');

  return {
    send(url, headers, parts) {
      if (broken) return Promise.reject(new Error('sender worker unavailable'));
      return new Promise<WorkerSendResult>((resolve, reject) => {
        const id = nextId++;
        const timer = env.setTimeout(() => fail('timeout'), WORKER_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        try {
          worker.postMessage({ id, url, headers, parts });
        } catch (error) {
          fail(String(error));
        }
      });
    },
  };
}
