import type { PageViewEvent, SessionEvent } from '@gosight/shared';
import type { ChunkIndexChange, IndexedEvent, IndexedKind } from '../store/index.js';
import type { DerivedChunk } from './derive-events.js';
import { targetName } from './click-target.js';

const MAX_PROPS = 50;
/** Longest URL and name kept in the index: what a search can name, not every byte a client sent. */
const URL_CHARS = 2_000;
const NAME_CHARS = 256;

/** Page pixels as the index stores them: whole, finite, and within what any page can measure. */
const MAX_PAGE_PX = 10_000_000;
const pagePixels = (n: number): number => (Number.isFinite(n) ? Math.max(-MAX_PAGE_PX, Math.min(MAX_PAGE_PX, Math.round(n))) : 0);

const blank = (kind: IndexedKind, timestamp: number, url: string): Omit<IndexedEvent, 'key'> => ({
  kind, timestamp, url, label: '', text: '', tag: '', elementId: '', classes: [], ariaLabel: '', selector: '',
  x: 0, y: 0, viewportWidth: 0, viewportHeight: 0, depth: 0, level: '', method: '', status: 0, requestUrl: '', props: {},
});

/** A custom event's properties as text: top-level scalar values only (what a search can name). */
function propsOf(payload: unknown): Record<string, string> {
  const props: Record<string, string> = {};
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return props;
  for (const [k, v] of Object.entries(payload).slice(0, MAX_PROPS)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[k.slice(0, 100)] = String(v).slice(0, 256);
  }
  return props;
}

/** A search index row and the hash of its fields (see `signature`). */
export interface IndexRow {
  entry: IndexedEvent;
  signature: number;
}

/**
 * Rows already made, by the derived moment they were made from: a chunk's derivation keeps
 * its moments from write to write, so each write makes and hashes only the new ones.
 */
export type IndexRowCache = WeakMap<object, MadeRow>;

interface MadeRow {
  url: string;
  row: Omit<IndexedEvent, 'key'>;
  signature: number;
  /** The row with its key, as last returned. */
  entry?: IndexedEvent;
}

/**
 * The search index rows of a chunk: its derived events, identify() calls and scroll depths,
 * each with the page it happened on. Keys name a moment by kind and time (and its rank among
 * same-kind moments of that millisecond), so the same moment keeps its key as the chunk grows.
 */
export function indexEntries(derived: DerivedChunk, previousUrl: string, cache: IndexRowCache = new WeakMap()): IndexRow[] {
  const rows: MadeRow[] = [];
  const add = (source: object, url: string, make: (url: string) => Omit<IndexedEvent, 'key'>) => {
    let made = cache.get(source);
    if (made?.url !== url) {
      const row = make(url.slice(0, URL_CHARS));
      made = { url, row, signature: signature(row) };
      cache.set(source, made);
    }
    rows.push(made);
  };
  const pages = derived.events.filter((e): e is PageViewEvent => e.kind === 'page_view');
  let url = previousUrl;
  for (const e of derived.events) {
    if (e.kind === 'page_view') url = e.url;
    add(e, url, (at) => entryOf(e, at));
  }
  for (const identity of derived.identities) {
    add(identity, urlAt(pages, identity.timestamp, previousUrl), (at) => ({ ...blank('identify', identity.timestamp, at),
      label: `Identified as ${identity.userId}`, text: identity.userId, props: identity.traits }));
  }
  for (const input of derived.inputs) {
    const t = input.target;
    add(input, urlAt(pages, input.timestamp, previousUrl), (at) => ({ ...blank('input', input.timestamp, at),
      label: `Typed in ${t ? targetName(t) : 'a field'}`,
      ...(t ? { tag: t.tag, elementId: t.id, classes: t.classes, ariaLabel: t.ariaLabel, selector: t.selector } : {}) }));
  }
  for (const scroll of derived.scrolls) {
    const depth = Math.max(0, pagePixels(scroll.depth));
    add(scroll, scroll.url, (at) => ({ ...blank('scroll', scroll.timestamp, at), label: `Scrolled to ${depth}px`,
      depth, viewportHeight: Math.max(0, pagePixels(scroll.viewportHeight)), viewportWidth: Math.max(0, pagePixels(scroll.viewportWidth)) }));
  }
  const ranks = new Map<string, number>();
  return rows.map((made) => {
    const base = `${made.row.kind}:${made.row.timestamp}`;
    const rank = ranks.get(base) ?? 0;
    ranks.set(base, rank + 1);
    const key = `${base}:${rank}`;
    if (made.entry?.key !== key) made.entry = { key, ...made.row };
    return { entry: made.entry, signature: made.signature };
  });
}

/** The page open at `timestamp`, from the chunk's page views in time order. */
function urlAt(pages: readonly PageViewEvent[], timestamp: number, previousUrl: string): string {
  let url = previousUrl;
  for (const page of pages) {
    if (page.timestamp > timestamp) break;
    url = page.url;
  }
  return url;
}

function entryOf(e: SessionEvent, url: string): Omit<IndexedEvent, 'key'> {
  const row = { ...blank(e.kind, e.timestamp, url), label: e.label };
  switch (e.kind) {
    case 'page_view':
      return { ...row, viewportWidth: Math.max(0, pagePixels(e.viewportWidth)), viewportHeight: Math.max(0, pagePixels(e.viewportHeight)) };
    case 'click':
    case 'rage_click':
    case 'dead_click': {
      const t = e.target;
      return {
        ...row, x: pagePixels(e.pageX ?? e.x), y: pagePixels(e.pageY ?? e.y), viewportWidth: Math.max(0, pagePixels(e.viewportWidth ?? 0)),
        ...(t ? { text: t.text, tag: t.tag, elementId: t.id, classes: t.classes, ariaLabel: t.ariaLabel, selector: t.selector } : {}),
      };
    }
    case 'console':
    case 'error':
      return { ...row, text: e.message.slice(0, 2_000), level: e.level };
    case 'network':
      return { ...row, method: e.request.method.slice(0, 16).toUpperCase(), status: e.request.status, requestUrl: e.request.url.slice(0, 2_000) };
    case 'custom':
      return { ...row, text: e.tag.slice(0, NAME_CHARS), props: propsOf(e.payload) };
  }
}

/**
 * A 53-bit hash of every field of an entry but its key (cyrb53): enough to tell a changed
 * moment from an unchanged one, and a number rather than the text, so an open chunk's index
 * costs little memory. Made once per moment (see IndexRowCache): no JSON, no crypto.
 */
function signature(e: Omit<IndexedEvent, 'key'>): number {
  const props = Object.keys(e.props).length === 0 ? '' : Object.entries(e.props).map(([k, v]) => `${k}=${v}`).join('\u0002');
  const text = [e.url, e.label, e.text, e.tag, e.elementId, e.classes.join(' '), e.ariaLabel, e.selector, e.x, e.y, e.viewportWidth,
    e.viewportHeight, e.depth, e.level, e.method, e.status, e.requestUrl, props].join('\u0001');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * What a write must change in the index, given what the chunk's last stored write put
 * there (`written`: key → signature; undefined when nothing is known, then all is written).
 * `next` becomes `written` once this write is stored.
 */
export function indexChange(rows: readonly IndexRow[], written: ReadonlyMap<string, number> | undefined): { change: ChunkIndexChange; next: Map<string, number> } {
  const next = new Map<string, number>();
  const upserts: IndexedEvent[] = [];
  for (const { entry, signature } of rows) {
    next.set(entry.key, signature);
    if (written?.get(entry.key) !== signature) upserts.push(entry);
  }
  const removedKeys = written ? [...written.keys()].filter((k) => !next.has(k)) : [];
  return { change: { upserts, removedKeys }, next };
}
