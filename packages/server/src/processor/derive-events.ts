import {
  CONSOLE_PLUGIN_NAME, DEAD_CLICK_WINDOW_MS, EventType, IDENTIFY_TAG, IncrementalSource, INACTIVITY_THRESHOLD_MS, MOUSE_INTERACTION_CLICK,
  NETWORK_PLUGIN_NAME, RAGE_CLICK_MIN_CLICKS, RAGE_CLICK_RADIUS_PX, RAGE_CLICK_WINDOW_MS,
  type ClickEvent, type ClickTarget, type ConsoleEvent, type ConsoleLevel, type NetworkEvent, type RrwebEvent, type SessionEvent,
} from '@gosight/shared';
import type { ChunkActivity } from '../pipeline/activity.js';
import { parseConsolePayload } from './parse-console.js';
import { parseNetworkPayload } from './parse-network.js';
import { capJson, capText, DERIVED_LIMITS, finiteOr } from './derived-limits.js';
import { targetName } from './click-target.js';
import { PageTracker, type PageScroll } from './page-tracker.js';

export interface DerivedChunk {
  events: SessionEvent[];
  activity: ChunkActivity;
  /** identify() calls in the chunk: searched, not shown on the timeline. */
  identities: Identity[];
  /** How far down each page of the chunk was seen: for scroll maps. */
  scrolls: PageScroll[];
  /** Form fields typed in or changed (one entry per run of inputs into one field; never the value). */
  inputs: FieldInput[];
}

export interface FieldInput {
  timestamp: number;
  nodeId: number;
  target: ClickTarget | undefined;
}

export interface Identity {
  timestamp: number;
  userId: string;
  /** Traits as text, scalar values only. */
  traits: Record<string, string>;
}

export interface DeriveContext {
  chunkIndex: number;
  /** URL of the last page view before this chunk (empty at the session's start). */
  previousUrl: string;
  /**
   * Events after this chunk, when known (the next chunk's). Without them, a click too close
   * to the chunk's end to judge is not called dead.
   */
  following: readonly RrwebEvent[] | undefined;
}

const metaHref = (e: RrwebEvent): string => {
  const href = (e.data as { href?: unknown } | undefined)?.href;
  return typeof href === 'string' ? href : '';
};

/** Active (§6): mouse interaction, scroll, input, touch, and navigation (Meta). */
export function isActive(e: RrwebEvent): boolean {
  if (e.type === EventType.Meta) return true;
  if (e.type !== EventType.IncrementalSnapshot) return false;
  const source = (e.data as { source?: number }).source;
  return source === IncrementalSource.MouseInteraction || source === IncrementalSource.Scroll
    || source === IncrementalSource.Input || source === IncrementalSource.TouchMove;
}

/**
 * Whether an event shows that the page reacted to a click. The spec's "DOM mutation",
 * widened to the other visible reactions rrweb records separately (input state, styles,
 * media) and to navigation, so a checkbox or a link is not called a dead click.
 */
function isReaction(e: RrwebEvent): boolean {
  if (e.type === EventType.Meta || e.type === EventType.FullSnapshot) return true;
  if (e.type !== EventType.IncrementalSnapshot) return false;
  const source = (e.data as { source?: number }).source;
  return source === IncrementalSource.Mutation || source === IncrementalSource.Input
    || source === IncrementalSource.StyleDeclaration || source === IncrementalSource.StyleSheetRule
    || source === IncrementalSource.MediaInteraction || source === IncrementalSource.CanvasMutation;
}

/**
 * Derives a chunk's session events (page views, clicks, rage and dead clicks, console
 * entries and errors, network requests, custom events) and its activity, from its events
 * sorted by time. Pure: the same chunk always gives the same result, so rewriting a
 * chunk rewrites its derived events with it.
 */
export function deriveChunkEvents(events: readonly RrwebEvent[], ctx: DeriveContext): DerivedChunk {
  const deriver = new ChunkDeriver(ctx.chunkIndex, ctx.previousUrl);
  deriver.add(events);
  return deriver.result(ctx.following);
}

/**
 * A chunk's derivation, fed its events in time order and able to go on where it stopped:
 * the open chunk grows by a batch at a time, and most batches only add later events, so
 * each write reads only the new ones.
 * Rage and dead clicks are judged afresh at each `result`, from the clicks kept: whether a
 * click is dead depends on what follows it.
 */
export class ChunkDeriver {
  /** Every event added, in time order (stable: equal timestamps keep rrweb's emit order). */
  readonly sorted: RrwebEvent[] = [];
  private readonly out: SessionEvent[] = [];
  private readonly clicks: ClickEvent[] = [];
  private readonly activity: ChunkActivity = { gaps: [] };
  private readonly identities: Identity[] = [];
  private readonly inputs: FieldInput[] = [];
  private readonly page = new PageTracker();
  private url: string;

  constructor(readonly chunkIndex: number, readonly previousUrl: string) {
    this.url = previousUrl;
  }

  /** The latest timestamp added (-Infinity before any). */
  get latest(): number {
    return this.sorted.length > 0 ? this.sorted[this.sorted.length - 1].timestamp : -Infinity;
  }

  /**
   * Adds events sorted by time, none earlier than `latest`. The DOM mirror made to resolve
   * their clicks lives for this call only: kept, it would double the open chunk's memory.
   */
  add(events: readonly RrwebEvent[]): void {
    if (events.length > 0 && events[0].timestamp < this.latest) throw new Error('a chunk derivation only takes later events');
    for (const e of events) {
      this.sorted.push(e);
      this.observe(e);
    }
    this.page.releaseMirror();
  }

  /** What the chunk derives to so far; `following` are the next chunk's events, when known. */
  result(following: readonly RrwebEvent[] | undefined): DerivedChunk {
    const out = [...this.out, ...rageClicks(this.clicks, this.chunkIndex), ...deadClicks(this.clicks, this.sorted, following, this.chunkIndex)];
    out.sort((a, b) => a.timestamp - b.timestamp);
    return {
      events: out,
      activity: { ...this.activity, gaps: [...this.activity.gaps] },
      identities: [...this.identities],
      scrolls: this.page.scrolls(),
      inputs: [...this.inputs],
    };
  }

  /** Ids name a moment by its place among the chunk's moments, so they hold as the chunk grows. */
  private readonly id = (kind: string): string => `${this.chunkIndex}:${kind}:${this.out.length}`;

  private observe(e: RrwebEvent): void {
    const { activity, page } = this;
    page.observe(e, this.url);
    if (isActive(e) && !(e.type === EventType.Meta && metaHref(e) === this.url)) {
      // A Meta with the current URL is a checkout (a periodic full snapshot), not navigation.
      if (activity.last !== undefined && e.timestamp - activity.last > INACTIVITY_THRESHOLD_MS) {
        activity.gaps.push({ start: activity.last, end: e.timestamp });
      }
      activity.first ??= e.timestamp;
      activity.last = e.timestamp;
    }
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === EventType.Meta) {
      const href = typeof data.href === 'string' ? data.href : '';
      if (href && href !== this.url) {
        this.url = href;
        page.observe(e, href);
        this.out.push({
          id: this.id('page_view'), kind: 'page_view', timestamp: e.timestamp, chunkIndex: this.chunkIndex, label: capText(href, DERIVED_LIMITS.labelChars),
          severity: 'info', url: href, viewportWidth: finiteOr(data.width, 0), viewportHeight: finiteOr(data.height, 0),
        });
      }
    } else if (e.type === EventType.IncrementalSnapshot) {
      if (data.source === IncrementalSource.MouseInteraction && data.type === MOUSE_INTERACTION_CLICK) {
        const x = finiteOr(data.x, 0);
        const y = finiteOr(data.y, 0);
        const nodeId = finiteOr(data.id, 0);
        const target = page.target(nodeId);
        const click: ClickEvent = {
          id: this.id('click'), kind: 'click', timestamp: e.timestamp, chunkIndex: this.chunkIndex,
          label: target ? capText(`Click on ${targetName(target)}`, DERIVED_LIMITS.labelChars) : `Click at ${Math.round(x)}, ${Math.round(y)}`,
          severity: 'info', x, y, pageX: finiteOr(x + page.scrollX, x), pageY: finiteOr(y + page.scrollY, y),
          ...(page.viewportWidth > 0 ? { viewportWidth: page.viewportWidth } : {}), nodeId, count: 1, ...(target ? { target } : {}),
        };
        this.out.push(click);
        this.clicks.push(click);
      } else if (data.source === IncrementalSource.Input) {
        const nodeId = finiteOr(data.id, 0);
        // Typing sends an event per keystroke: one entry per run of inputs into the same field.
        if (this.inputs[this.inputs.length - 1]?.nodeId !== nodeId) this.inputs.push({ timestamp: e.timestamp, nodeId, target: page.target(nodeId) });
      } else if (data.source === IncrementalSource.Log) {
        this.out.push(consoleEvent(this.id, this.chunkIndex, e.timestamp, parseConsolePayload(data)));
      }
    } else if (e.type === EventType.Plugin) {
      if (data.plugin === CONSOLE_PLUGIN_NAME) {
        this.out.push(consoleEvent(this.id, this.chunkIndex, e.timestamp, parseConsolePayload(data.payload)));
      } else if (data.plugin === NETWORK_PLUGIN_NAME) {
        for (const request of parseNetworkPayload(data.payload, e.timestamp)) {
          const failed = request.request.status === 0 || request.request.status >= 400;
          this.out.push({
            id: this.id('network'), kind: 'network', timestamp: request.timestamp, chunkIndex: this.chunkIndex,
            label: capText(`${request.request.method} ${request.request.url} ${request.request.status || 'failed'}`, DERIVED_LIMITS.labelChars),
            severity: failed ? 'error' : 'info', request: request.request,
          } satisfies NetworkEvent);
        }
      }
    } else if (e.type === EventType.Custom && data.tag === IDENTIFY_TAG) {
      // identify() is session metadata (the user id): searched, not a moment on the timeline.
      const identity = identityOf(e.timestamp, data.payload);
      if (identity) this.identities.push(identity);
    } else if (e.type === EventType.Custom) {
      const tag = typeof data.tag === 'string' ? data.tag : 'custom';
      this.out.push({
        id: this.id('custom'), kind: 'custom', timestamp: e.timestamp, chunkIndex: this.chunkIndex, label: capText(tag, DERIVED_LIMITS.labelChars),
        severity: 'info', tag, payload: capJson(data.payload ?? null, DERIVED_LIMITS.bodyChars),
      });
    }
  }
}

const MAX_TRAITS = 50;

function identityOf(timestamp: number, payload: unknown): Identity | undefined {
  const p = (payload ?? {}) as { userId?: unknown; traits?: unknown };
  if (typeof p.userId !== 'string' && typeof p.userId !== 'number') return undefined;
  const traits: Record<string, string> = {};
  if (p.traits && typeof p.traits === 'object' && !Array.isArray(p.traits)) {
    for (const [k, v] of Object.entries(p.traits).slice(0, MAX_TRAITS)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') traits[k.slice(0, 100)] = String(v).slice(0, 256);
    }
  }
  return { timestamp, userId: String(p.userId).slice(0, 256), traits };
}

function consoleEvent(id: (kind: string) => string, chunkIndex: number, timestamp: number,
  entry: { level: ConsoleLevel; message: string; stack?: string }): ConsoleEvent {
  const isError = entry.level === 'error' || entry.level === 'assert';
  return {
    id: id(isError ? 'error' : 'console'), kind: isError ? 'error' : 'console', timestamp, chunkIndex,
    label: entry.message.split('\n')[0].slice(0, 200), severity: isError ? 'error' : entry.level === 'warn' ? 'warning' : 'info',
    level: entry.level, message: capText(entry.message, DERIVED_LIMITS.messageChars),
    ...(entry.stack ? { stack: capText(entry.stack, DERIVED_LIMITS.messageChars) } : {}),
  };
}

const where = (click: ClickEvent): string => (click.target ? `on ${targetName(click.target)}` : `at ${Math.round(click.x)}, ${Math.round(click.y)}`);

/** ≥ 3 clicks within 1 s, each within 30 px of the first: one rage click at the first. */
export function rageClicks(clicks: readonly ClickEvent[], chunkIndex: number): ClickEvent[] {
  const out: ClickEvent[] = [];
  let i = 0;
  while (i < clicks.length) {
    const first = clicks[i];
    let j = i + 1;
    while (j < clicks.length && clicks[j].timestamp - first.timestamp <= RAGE_CLICK_WINDOW_MS
      && Math.hypot(clicks[j].x - first.x, clicks[j].y - first.y) <= RAGE_CLICK_RADIUS_PX) j++;
    const count = j - i;
    if (count >= RAGE_CLICK_MIN_CLICKS) {
      out.push({ ...first, id: `${chunkIndex}:rage_click:${out.length}`, kind: 'rage_click', count, severity: 'warning',
        label: capText(`Rage click: ${count} clicks ${where(first)}`, DERIVED_LIMITS.labelChars) });
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

/** Clicks followed by no reaction within 2.5 s (judged only when the window is fully known). */
export function deadClicks(clicks: readonly ClickEvent[], events: readonly RrwebEvent[], following: readonly RrwebEvent[] | undefined,
  chunkIndex: number): ClickEvent[] {
  const out: ClickEvent[] = [];
  const knownUntil = (following?.length ? following[following.length - 1] : events[events.length - 1])?.timestamp ?? 0;
  for (const click of clicks) {
    const windowEnd = click.timestamp + DEAD_CLICK_WINDOW_MS;
    if (knownUntil < windowEnd) continue;
    if (reactsWithin(events, click.timestamp, windowEnd) || (following && reactsWithin(following, click.timestamp, windowEnd))) continue;
    out.push({ ...click, id: `${chunkIndex}:dead_click:${out.length}`, kind: 'dead_click', severity: 'warning',
      label: capText(`Dead click ${where(click)}`, DERIVED_LIMITS.labelChars) });
  }
  return out;
}

/** Whether events (sorted by time) hold a reaction from `from` to `to`: only that window is read. */
function reactsWithin(events: readonly RrwebEvent[], from: number, to: number): boolean {
  for (let i = firstAtOrAfter(events, from); i < events.length && events[i].timestamp <= to; i++) {
    if (isReaction(events[i])) return true;
  }
  return false;
}

/** Index of the first event at or after `timestamp` in events sorted by time. */
function firstAtOrAfter(events: readonly RrwebEvent[], timestamp: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].timestamp < timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
