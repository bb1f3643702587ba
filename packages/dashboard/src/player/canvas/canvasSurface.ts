import type { CanvasFrame } from './canvasFrames.js';
import type { CanvasSurface } from './canvasPainter.js';

const FRAME_ATTRIBUTE = 'data-gosight-frame';

/**
 * Rules rrweb puts first in every replayed document. The replay iframe runs no scripts, and
 * a canvas in a document without scripting renders its fallback content, as an ordinary
 * inline box with no size. So canvases get their live size back from their width and height
 * attributes (zero specificity, so the page's own CSS still wins), and show their picture as
 * an image in that fallback content, stretched over the canvas as drawImage would fill it.
 */
export const CANVAS_REPLAY_STYLE_RULES = [
  ':where(canvas) { display: inline-block; vertical-align: baseline; width: attr(width px, 300px); aspect-ratio: attr(width type(<number>), 300) / attr(height type(<number>), 150); }',
  `:where(canvas) > img[${FRAME_ATTRIBUTE}] { display: block; width: 100%; height: 100%; }`,
];

/**
 * The surface of one replayed canvas: an `<img>` child holding the latest picture as a blob
 * URL. Every URL made is remembered so `revokeAll` frees them when the replayer goes.
 */
export function createSurfaceFactory(): { surfaceOf(node: Node | null): CanvasSurface | null; revokeAll(): void } {
  const urls = new Set<string>();
  const revoke = (url: string) => {
    if (urls.delete(url)) URL.revokeObjectURL(url);
  };
  return {
    surfaceOf(node) {
      // The replay iframe is another realm: no instanceof.
      if (!node || node.nodeName !== 'CANVAS' || !node.isConnected) return null;
      const canvas = node as Element;
      const existing = () => canvas.querySelector(`:scope > img[${FRAME_ATTRIBUTE}]`) as HTMLImageElement | null;
      return {
        async show(frame: CanvasFrame) {
          let img = existing();
          if (!img) {
            img = canvas.ownerDocument.createElement('img');
            img.setAttribute(FRAME_ATTRIBUTE, '');
            img.alt = '';
            canvas.append(img);
          }
          // Which picture is on, for inspection and the fidelity suite's state comparison.
          img.setAttribute(FRAME_ATTRIBUTE, fingerprint(frame.base64));
          const url = URL.createObjectURL(frameBlob(frame));
          urls.add(url);
          const previous = img.getAttribute('src');
          img.src = url;
          if (previous) revoke(previous);
          try {
            await img.decode();
          } catch (error) {
            // A newer picture replaced this one before it decoded: nothing is wrong.
            if (img.getAttribute('src') === url) throw error;
          }
        },
        clear() {
          const img = existing();
          const previous = img?.getAttribute('src');
          img?.remove();
          if (previous) revoke(previous);
        },
      };
    },
    revokeAll() {
      for (const url of urls) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}

/** A short hash of a picture's bytes (FNV-1a over the base64 text). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/** The frame's bytes as a Blob of its (checked) raster type. */
function frameBlob(frame: CanvasFrame): Blob {
  const binary = atob(frame.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: frame.type });
}
