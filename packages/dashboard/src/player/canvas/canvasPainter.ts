import { EventType, type RrwebEvent } from '@gosight/shared';
import { canvasMutationTarget, frameOfCanvasMutation, isMutation, nodeFramesOf, type CanvasFrame } from './canvasFrames.js';

/** Where one replayed canvas shows its pictures (see canvasSurface.ts). */
export interface CanvasSurface {
  /** Shows `frame`; resolves once it is decoded and will be on the next paint. */
  show(frame: CanvasFrame): Promise<void>;
  /** Shows nothing: the canvas is blank. */
  clear(): void;
}

/** What the painter needs from the replayer it paints for. */
export interface PaintTarget {
  /** The surface of the replayed canvas with this rrweb id, if that node is a canvas now. */
  surfaceOf(id: number): CanvasSurface | null;
  /** Ids of every replayed node, to find canvases a rebuild kept from an earlier position. */
  allIds(): Iterable<number>;
}

/** The canvas was resized (which blanks it) or rebuilt with nothing on it yet. */
const BLANK = 'blank';
type Paint = CanvasFrame | typeof BLANK;

/**
 * Shows recorded canvas pictures on the replayed canvases, in order. rrweb's own canvas
 * replay needs a sandbox that lets the recorded page run scripts; this paints from the
 * dashboard instead, so the sandbox stays shut.
 *
 * While rrweb applies events synchronously (a seek), only the last picture of each canvas
 * matters: they are collected and shown once, by `flush`, after rrweb has built the DOM at
 * the target. While playing, each picture is shown as it comes. A surface shows pictures in
 * the order it is given them, so the newest always wins.
 */
export class CanvasPainter {
  private readonly pending = new Map<number, Paint>();
  /** Canvases with a picture on: a rebuild that reuses them must blank those it has none for. */
  private readonly painted = new Set<number>();
  private rebuilt = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: PaintTarget,
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
      // Setting width or height blanks a canvas until it is drawn again.
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

  /** Shows what the events applied so far left on each canvas. */
  flush(): void {
    if (this.rebuilt) {
      this.rebuilt = false;
      for (const id of this.target.allIds()) if (this.painted.has(id) && !this.pending.has(id)) this.pending.set(id, BLANK);
    }
    for (const [id, paint] of this.pending) {
      const surface = this.target.surfaceOf(id);
      if (!surface) continue;
      if (paint === BLANK) {
        surface.clear();
        this.painted.delete(id);
      } else {
        this.painted.add(id);
        this.track(surface.show(paint));
      }
    }
    this.pending.clear();
  }

  /** Resolves once every picture being decoded is ready to paint (or failed). */
  async drawn(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(this.onError).finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
  }
}
