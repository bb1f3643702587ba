/** True when the browser can gzip natively (Chrome 80+, Firefox 113+, Safari 16.4+). */
export function canGzip(): boolean {
  return (
    typeof CompressionStream === 'function' &&
    typeof Response === 'function' &&
    typeof Blob === 'function' &&
    typeof Blob.prototype.stream === 'function'
  );
}

/** Gzips a string off the main thread's critical path; callers fall back to plain JSON if it rejects. */
export async function gzipText(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** UTF-8 size of a string; an upper bound when TextEncoder is missing. */
export function utf8ByteLength(text: string): number {
  if (typeof TextEncoder === 'function') return new TextEncoder().encode(text).length;
  return text.length * 3;
}
