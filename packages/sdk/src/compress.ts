/** True when the browser can gzip natively (Chrome 80+, Firefox 113+, Safari 16.4+). */
export function canGzip(): boolean {
  return (
    typeof CompressionStream === 'function' &&
    typeof Response === 'function' &&
    typeof Blob === 'function' &&
    typeof Blob.prototype.stream === 'function'
  );
}

/**
 * Gzips text given in pieces (concatenated, they are the text) with CompressionStream. In a window this runs zlib on the main thread (the
 * stream lives there); compression-worker.ts runs the same code in a worker instead.
 */
export async function gzipText(parts: readonly string[]): Promise<ArrayBuffer> {
  const stream = new Blob(parts as string[]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** UTF-8 size of a string; an upper bound when TextEncoder is missing. */
export function utf8ByteLength(text: string): number {
  if (typeof TextEncoder === 'function') return new TextEncoder().encode(text).length;
  return text.length * 3;
}
