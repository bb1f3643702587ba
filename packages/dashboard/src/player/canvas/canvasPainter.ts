import { EventType, type RrwebEvent } from '@gosight/shared';
import { canvasMutationTarget, frameOfCanvasMutation, isMutation, nodeFramesOf, type CanvasFrame } from './canvasFrames.js';

/** Decodes a frame's bytes into something `drawImage` takes; the browser's is createImageBitmap. */
export type DecodeFrame = (frame: CanvasFrame) => Promise<ImageBitmap>;

/** What the painter needs from the replayer it draws for. */
export interface PaintTarget {
  /** The replayed node for an rrweb id, if it exists now. */
  nodeById(id: number): Node | null;
  /** Ids of every replayed node, to find canvases a rebuild kept from an earlier position. */
  allIds(): Iterable<number>;
}

/** Clears the canvas: it was resized (which blanks it) or rebuilt with nothing on it yet. */
const BLANK = 'blank';
type Paint = CanvasFrame | typeof BLANK;

/**
 * Puts recorded canvas pictures on the replayed canvases, in order. rrweb's own canvas replay
 * needs a sandbox that lets the recorded page run scripts; this draws from the dashboard
 * instead, onto the replayed element, so the sandbox stays shut.
 *
 * While rrweb applies events synchronously (a seek), only the last picture of each canvas
 * matters: they are collected and drawn once, by `flush`, after rrweb has built the DOM at
 * the target. While playing, each picture is drawn as it comes. Decoding is asynchronous, so
 * every canvas has a version: a picture whose canvas was painted or resized again while it
 * decoded is thrown away instead of drawn over the newer state.
 */
export class CanvasPainter {
  private readonly pending = new Map<number, Paint>();
  private readonly versions = new Map<number, number>();
  private version = 0;
  /** A full snapshot was applied: canvases the rebuild reused must lose pictures from elsewhere in time. */
  private rebuilt = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: PaintTarget,
    private readonly decode: DecodeFrame,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Called for every event rrweb applies (`isSync` while it catches up to a seek target). */
  handle(event: RrwebEvent, isSync: boolean): void {
    if (event.type === EventType.FullSnapshot) {
      this.pending.clear();
      this.rebuilt = true;
    }
    for (const { id, frame } of nodeFramesOf(event)) this.pending.set(id, frame);
    if (isMutation(event)) {
      // Setting width or height blanks a canvas; a picture still decoding is older than that.
      for (const change of (event.data as { attributes?: { id: number; attributes: Record<string, unknown> }[] }).attributes ?? []) {
        if ('width' in (change.attributes ?? {}) || 'height' in (change.attributes ?? {})) this.pending.set(change.id, BLANK);
      }
    }
    const id = canvasMutationTarget(event);
    if (id !== null) {
      const frame = frameOfCanvasMutation(event.data);
      if (frame) this.pending.set(id, frame);
    }
    if (!isSync) this.flush();
  }

  /** Draws what the events applied so far left on each canvas. */
  flush(): void {
    if (this.rebuilt) {
      this.rebuilt = false;
      for (const id of this.target.allIds()) if (!this.pending.has(id) && this.versions.has(id)) this.pending.set(id, BLANK);
    }
    for (const [id, paint] of this.pending) {
      const version = ++this.version;
      this.versions.set(id, version);
      if (paint === BLANK) this.blank(id);
      else this.track(this.draw(id, paint, version));
    }
    this.pending.clear();
  }

  /** Resolves once every picture being decoded is drawn (or dropped). */
  async drawn(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async draw(id: number, frame: CanvasFrame, version: number): Promise<void> {
    const bitmap = await this.decode(frame);
    try {
      if (this.versions.get(id) !== version) return;
      const context = this.contextOf(id);
      if (!context) return;
      context.clearRect(0, 0, context.canvas.width, context.canvas.height);
      context.drawImage(bitmap, 0, 0);
    } finally {
      bitmap.close();
    }
  }

  private blank(id: number): void {
    const context = this.contextOf(id);
    context?.clearRect(0, 0, context.canvas.width, context.canvas.height);
  }

  /** The 2D context of a replayed canvas; rrweb builds into an iframe, so no instanceof across realms. */
  private contextOf(id: number): CanvasRenderingContext2D | null {
    const node = this.target.nodeById(id) as HTMLCanvasElement | null;
    if (!node || node.nodeName !== 'CANVAS' || typeof node.getContext !== 'function' || !node.isConnected) return null;
    return node.getContext('2d');
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(this.onError).finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
  }
}

/** The browser's decoder: the bytes become a Blob of the frame's (checked) raster type. */
export const decodeFrame: DecodeFrame = (frame) => {
  const binary = atob(frame.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return createImageBitmap(new Blob([bytes], { type: frame.type }));
};
