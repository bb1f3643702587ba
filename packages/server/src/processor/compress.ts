import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * gzip for chunks (spec §4.3). Runs on libuv's thread pool, so compressing a large chunk
 * does not stall the processor's event loop.
 */
export const compressChunk = (json: Buffer, level: number): Promise<Buffer> => gzipAsync(json, { level });

/** Inverse of `compressChunk`; `maxOutputLength` guards against decompression bombs. */
export const decompressChunk = (gz: Buffer, maxOutputLength?: number): Promise<Buffer> =>
  gunzipAsync(gz, maxOutputLength ? { maxOutputLength } : {});
