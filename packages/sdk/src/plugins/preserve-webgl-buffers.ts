const patched = new WeakSet<object>();

/**
 * Makes WebGL canvases keep their last frame, so canvas recording can copy it. rrweb asks for
 * `preserveDrawingBuffer` itself, but only once recording has started, on DOM ready: a page
 * whose scripts create their WebGL context before that (most do) gets a buffer that is
 * cleared after each frame, and every sampled frame comes out blank. This asks from
 * `GoSight.init` on. Only with canvas recording on; it costs the page some GPU memory.
 */
export function preserveWebglBuffers(win: Window & typeof globalThis): void {
  const proto = win.HTMLCanvasElement?.prototype;
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  const original = proto.getContext as (this: HTMLCanvasElement, type: string, attributes?: Record<string, unknown>) => RenderingContext | null;
  proto.getContext = function getContext(this: HTMLCanvasElement, type: string, attributes?: Record<string, unknown>) {
    if (type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl') {
      attributes = { ...(attributes ?? {}), preserveDrawingBuffer: true };
    }
    return original.call(this, type, attributes);
  } as typeof proto.getContext;
}
