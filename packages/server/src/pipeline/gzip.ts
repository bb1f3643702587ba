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
  // Each output buffer filled on the thread pool costs a callback and a copy on the main
  // thread: sized for the usual ratio of JSON (4-8x) rather than zlib's 16 KiB.
  const chunkSize = Math.min(Math.max(16 * 1024, gz.length * 4), 1024 * 1024);
  const options = maxOutputLength ? { maxOutputLength, chunkSize } : { chunkSize };
  return gz.length <= INLINE_GUNZIP_MAX_BYTES ? gunzipSync(gz, options) : gunzipAsync(gz, options);
}
