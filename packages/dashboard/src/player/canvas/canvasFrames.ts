import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';

/** One picture of a canvas: image bytes (base64) and their MIME type. */
export interface CanvasFrame {
  base64: string;
  type: string;
}

/** A canvas id and the picture its node carried when it was serialized (snapshot or added node). */
export interface NodeFrame {
  id: number;
  frame: CanvasFrame;
}

/** Only raster types a browser decodes without running anything; anything else is not drawn. */
const FRAME_TYPES = new Set(['image/webp', 'image/png', 'image/jpeg']);
const DATA_URL = /^data:(image\/[a-z]+);base64,/;

interface SerializedNode {
  id?: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

const framesByEvent = new WeakMap<object, NodeFrame[]>();
const prepared = new WeakSet<object>();

/**
 * Moves the pictures rrweb serialized into canvas nodes (`rr_dataURL`) out of the events, so
 * that the canvas painter draws them in order with the sampled frames. Left in, rrweb would
 * draw them itself from an image's onload, whenever that fires: after a seek that can be
 * after a later frame, putting an old picture back on screen. Idempotent; run once per
 * fetched chunk.
 */
export function prepareCanvasFrames(events: readonly RrwebEvent[]): void {
  for (const event of events) {
    if (prepared.has(event)) continue;
    prepared.add(event);
    const frames: NodeFrame[] = [];
    if (event.type === EventType.FullSnapshot) takeFrames((event.data as { node?: SerializedNode }).node, frames);
    else if (isMutation(event)) {
      for (const add of (event.data as { adds?: { node?: SerializedNode }[] }).adds ?? []) takeFrames(add.node, frames);
    }
    if (frames.length > 0) framesByEvent.set(event, frames);
  }
}

/** Pictures that `prepareCanvasFrames` took out of a snapshot or mutation event. */
export function nodeFramesOf(event: RrwebEvent): readonly NodeFrame[] {
  return framesByEvent.get(event) ?? [];
}

/**
 * The picture in a CanvasMutation as the SDK records it (sampled frames: a clearRect, then
 * a drawImage of an ImageBitmap made from one Blob). Other command lists (rrweb's
 * call-by-call recording) are not drawn: replaying arbitrary drawing calls would hand the
 * recorded page's data to canvas APIs without the checks frames get here.
 */
export function frameOfCanvasMutation(data: unknown): CanvasFrame | null {
  const commands = (data as { commands?: unknown })?.commands;
  if (!Array.isArray(commands)) return null;
  for (const command of commands) {
    const { property, args } = (command ?? {}) as { property?: unknown; args?: unknown };
    if (property !== 'drawImage' || !Array.isArray(args)) continue;
    const bitmap = args[0] as { rr_type?: unknown; args?: unknown[] } | undefined;
    const blob = bitmap?.rr_type === 'ImageBitmap' ? (bitmap.args?.[0] as { rr_type?: unknown; data?: unknown[]; type?: unknown } | undefined) : undefined;
    const buffer = blob?.rr_type === 'Blob' ? (blob.data?.[0] as { rr_type?: unknown; base64?: unknown } | undefined) : undefined;
    if (buffer?.rr_type !== 'ArrayBuffer' || typeof buffer.base64 !== 'string' || typeof blob?.type !== 'string') return null;
    return FRAME_TYPES.has(blob.type) ? { base64: buffer.base64, type: blob.type } : null;
  }
  return null;
}

/** Whether an incremental event is a canvas frame, and for which node. */
export function canvasMutationTarget(event: RrwebEvent): number | null {
  if (event.type !== EventType.IncrementalSnapshot) return null;
  const data = event.data as { source?: unknown; id?: unknown };
  return data.source === IncrementalSource.CanvasMutation && typeof data.id === 'number' ? data.id : null;
}

export function isMutation(event: RrwebEvent): boolean {
  return event.type === EventType.IncrementalSnapshot && (event.data as { source?: unknown }).source === IncrementalSource.Mutation;
}

function frameOfDataUrl(url: unknown): CanvasFrame | null {
  if (typeof url !== 'string') return null;
  const match = DATA_URL.exec(url);
  if (!match || !FRAME_TYPES.has(match[1])) return null;
  return { base64: url.slice(match[0].length), type: match[1] };
}

/** Iterative walk: a hostile snapshot may nest deeper than the stack allows. */
function takeFrames(root: SerializedNode | undefined, into: NodeFrame[]): void {
  const stack: (SerializedNode | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (node.tagName === 'canvas' && node.attributes && 'rr_dataURL' in node.attributes) {
      const frame = frameOfDataUrl(node.attributes.rr_dataURL);
      delete node.attributes.rr_dataURL;
      if (frame && typeof node.id === 'number') into.push({ id: node.id, frame });
    }
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
}
