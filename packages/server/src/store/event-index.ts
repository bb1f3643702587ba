import type { SessionEventKind } from '@gosight/shared';

/** What the search index holds: the derived events, plus identify() calls, scroll depth per page and form fields touched. */
export type IndexedKind = SessionEventKind | 'identify' | 'scroll' | 'input';

/**
 * One row of the search index: a moment of a session flattened into the columns searches
 * and maps read. Fields that do not apply to its kind are empty (or 0).
 */
export interface IndexedEvent {
  /** Unique within its chunk, and the same for the same moment at every write of the chunk. */
  key: string;
  kind: IndexedKind;
  timestamp: number;
  /** The page the moment happened on. */
  url: string;
  /** One line saying what happened. */
  label: string;
  /** What text searches read: the clicked element's text, the console message, the custom event name, the user id. */
  text: string;
  /** Clicked element: tag, id, classes, aria-label (or title, alt), selector path. */
  tag: string;
  elementId: string;
  classes: string[];
  ariaLabel: string;
  selector: string;
  /** Clicks: page position (CSS pixels from the document's top left). */
  x: number;
  y: number;
  /** Page views and scroll depth: the viewport. */
  viewportWidth: number;
  viewportHeight: number;
  /** Scroll depth: the lowest page pixel seen. */
  depth: number;
  /** Console entries: log, info, warn, error, … */
  level: string;
  /** Network requests. */
  method: string;
  status: number;
  requestUrl: string;
  /** Custom event properties and identify() traits, as text (scalar values only). */
  props: Record<string, string>;
}

/**
 * What a chunk write changes in the index: moments new or changed since the chunk's last
 * stored write, and keys of moments no longer in it (a page view that moved to the next
 * chunk, a click no longer judged dead). Writing only the difference keeps a growing chunk
 * from rewriting its whole index at every write.
 */
export interface ChunkIndexChange {
  upserts: IndexedEvent[];
  removedKeys: string[];
}

export const NO_INDEX_CHANGE: ChunkIndexChange = { upserts: [], removedKeys: [] };
