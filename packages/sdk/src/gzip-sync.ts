import { gzipSync, strToU8 } from 'fflate';

/**
 * Synchronous gzip for the unload path, where there is no time to await CompressionStream.
 * Only used when a batch's plain JSON does not fit the keepalive budget. Undefined on failure.
 */
export function gzipTextSync(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    // fflate allocates plain ArrayBuffers.
    return gzipSync(strToU8(text), { level: 6 }) as Uint8Array<ArrayBuffer>;
  } catch {
    return undefined;
  }
}
