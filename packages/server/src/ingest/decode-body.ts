import { GoSightError } from '../errors/index.js';
import { decompressChunk } from '../pipeline/gzip.js';

export interface DecodedBody {
  /** The JSON text of the batch. */
  json: Buffer;
  encoding: 'gzip' | 'identity';
}

/**
 * Undoes the request's Content-Encoding with a hard cap on the output, so a small gzip
 * bomb cannot make the server allocate gigabytes.
 */
export async function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxDecompressedBytes: number): Promise<DecodedBody> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    if (raw.length > maxDecompressedBytes) throw tooLarge(maxDecompressedBytes);
    return { json: raw, encoding: 'identity' };
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') throw new GoSightError('UNSUPPORTED_ENCODING', `Content-Encoding "${encoding}" is not supported: use gzip or none`);
  try {
    return { json: await decompressChunk(raw, maxDecompressedBytes), encoding: 'gzip' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(maxDecompressedBytes);
    throw new GoSightError('DECOMPRESSION_FAILED', `body is not valid gzip: ${(err as Error).message}`, { cause: err });
  }
}

const tooLarge = (limit: number) =>
  new GoSightError('PAYLOAD_TOO_LARGE', `decompressed body exceeds ${limit} bytes; send smaller batches`);
