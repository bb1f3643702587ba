import { EventType, IncrementalSource, WIRE_LIMITS, type ClickTarget, type RrwebEvent } from '@gosight/shared';
import { clickTarget } from './click-target.js';
import { capText, DERIVED_LIMITS, finiteOr } from './derived-limits.js';
import { DomMirror } from './dom-mirror.js';

export interface PageScroll {
  /** When the page was first seen in the chunk. */
  timestamp: number;
  url: string;
  /** The lowest page pixel seen: scroll offset plus viewport height, at its greatest. */
  depth: number;
  viewportHeight: number;
  /** The viewport's width when the page was first seen (0 when not recorded). */
  viewportWidth: number;
}

/**
 * What a chunk's DOM and scroll say at each moment: the element under a click (from a
 * mirror built only once a click needs it) and the page's scroll, for page coordinates and
 * scroll depth. Kept with the chunk's derivation from write to write; the mirror itself is
 * not: measured on recorded apps it takes about as much memory as the open chunk's events
 * (0.9 MB a session), and the processor holds every live session's open chunk. So it is
 * let go after each write (`releaseMirror`) and made again from the snapshot and the
 * mutations since when a later click needs it.
 */
export class PageTracker {
  scrollX = 0;
  scrollY = 0;
  /** The viewport's width now (CSS pixels; 0 until the recording says). */
  viewportWidth = 0;
  private viewportHeight = 0;
  private rootId: number | undefined;
  /** The last full snapshot's tree and the mutations since (the chunk's own event data). */
  private snapshot: unknown;
  private mutations: Record<string, unknown>[] = [];
  /** Built from `snapshot` only once a click needs it (most chunks never do), with `applied` of the mutations. */
  private mirror: DomMirror | undefined;
  private applied = 0;
  private readonly byUrl = new Map<string, PageScroll>();
  private url = '';

  observe(e: RrwebEvent, url: string): void {
    this.url = url;
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === EventType.Meta) {
      this.resize(data);
    } else if (e.type === EventType.FullSnapshot) {
      const node = data.node as { id?: unknown } | undefined;
      this.rootId = typeof node?.id === 'number' ? node.id : undefined;
      const offset = (data.initialOffset ?? {}) as { left?: unknown; top?: unknown };
      this.scrollX = finiteOr(offset.left, 0);
      this.scrollY = finiteOr(offset.top, 0);
      this.snapshot = data.node;
      this.mutations = [];
      this.releaseMirror();
    } else if (e.type === EventType.IncrementalSnapshot) {
      if (data.source === IncrementalSource.Mutation) {
        if (this.snapshot !== undefined) this.mutations.push(data);
      } else if (data.source === IncrementalSource.Scroll && data.id === this.rootId) {
        this.scrollX = finiteOr(data.x, this.scrollX);
        this.scrollY = finiteOr(data.y, this.scrollY);
      } else if (data.source === IncrementalSource.ViewportResize) {
        this.resize(data);
      }
    }
    if (this.url) {
      const depth = this.scrollY + this.viewportHeight;
      const seen = this.byUrl.get(this.url);
      if (!seen) this.byUrl.set(this.url, { timestamp: e.timestamp, url: this.url, depth, viewportHeight: this.viewportHeight, viewportWidth: this.viewportWidth });
      else if (depth > seen.depth) seen.depth = depth;
    }
  }

  /**
   * A Meta event's or a resize's size. The ingest holds a Meta's to whole pixels up to
   * `maxViewportPx`; a resize's are not checked there, so a size outside that is ignored here.
   */
  private resize(data: Record<string, unknown>): void {
    this.viewportWidth = viewportPx(data.width, this.viewportWidth);
    this.viewportHeight = viewportPx(data.height, this.viewportHeight);
  }

  /** The element a click or input on `nodeId` hit, now: from the mirror, brought up to date first. */
  target(nodeId: number): ClickTarget | undefined {
    if (this.snapshot === undefined) return undefined;
    if (!this.mirror) {
      this.mirror = new DomMirror();
      this.mirror.reset(this.snapshot);
      this.applied = 0;
    }
    for (; this.applied < this.mutations.length; this.applied++) this.mirror.applyMutation(this.mutations[this.applied]);
    return clickTarget(this.mirror, nodeId);
  }

  /** Lets the mirror go (see the class comment); the next `target` makes it again. */
  releaseMirror(): void {
    this.mirror = undefined;
    this.applied = 0;
  }

  scrolls(): PageScroll[] {
    return [...this.byUrl.values()].filter((s) => s.viewportHeight > 0)
      .map((s) => ({ ...s, url: capText(s.url, DERIVED_LIMITS.labelChars), depth: Math.round(s.depth) }));
  }
}

const viewportPx = (n: unknown, fallback: number): number =>
  (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= WIRE_LIMITS.maxViewportPx ? n : fallback);
