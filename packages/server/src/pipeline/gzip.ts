import { gunzip, gunzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * gzip for chunks (spec §4.3). Runs on libuv's thread pool, so compressing a large chunk
 * does not stall the processor's event loop.
 */
export const compressChunk = (json: Buffer, level: number): Promise<Buffer> => gzipAsync(json, { level });

/** Below this, inflating inline costs less than the round trip to the thread pool. */
const INLINE_GUNZIP_MAX_BYTES = 32 * 1024;

/**
 * Inverse of `compressChunk`; `maxOutputLength` guards against decompression bombs.
 * Small inputs (most SDK batches) are inflated inline, larger ones on the thread pool.
 */
export async function decompressChunk(gz: Buffer, maxOutputLength?: number): Promise<Buffer> {
  const options = maxOutputLength ? { maxOutputLength } : {};
  return gz.length <= INLINE_GUNZIP_MAX_BYTES ? gunzipSync(gz, options) : gunzipAsync(gz, options);
}
