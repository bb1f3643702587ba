import {
  CONSOLE_PLUGIN_NAME, EventType, IDENTIFY_TAG, IncrementalSource, MOUSE_INTERACTION_CLICK, NETWORK_PLUGIN_NAME, type RrwebEvent,
} from '@gosight/shared';
import { DERIVED_LIMITS } from './derived-limits.js';

/** What the listing and the manifest need to know about a chunk, read off its events. */
export interface ChunkStats {
  eventCount: number;
  timestampStart: number;
  timestampEnd: number;
  hasFullSnapshot: boolean;
  hasNetwork: boolean;
  clickCount: number;
  errorCount: number;
  pageUrls: string[];
  viewportWidth: number;
  viewportHeight: number;
  /** The last user id passed to identify() in this chunk; empty when none. */
  userId: string;
}

export function chunkStats(events: readonly RrwebEvent[]): ChunkStats {
  const stats: ChunkStats = {
    eventCount: events.length,
    timestampStart: Infinity,
    timestampEnd: -Infinity,
    hasFullSnapshot: false,
    hasNetwork: false,
    clickCount: 0,
    errorCount: 0,
    pageUrls: [],
    viewportWidth: 0,
    viewportHeight: 0,
    userId: '',
  };
  for (const e of events) {
    if (e.timestamp < stats.timestampStart) stats.timestampStart = e.timestamp;
    if (e.timestamp > stats.timestampEnd) stats.timestampEnd = e.timestamp;
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === EventType.FullSnapshot) stats.hasFullSnapshot = true;
    else if (e.type === EventType.Meta) {
      const href = typeof data.href === 'string' ? data.href : '';
      if (href && stats.pageUrls[stats.pageUrls.length - 1] !== href) stats.pageUrls.push(href);
      if (!stats.viewportWidth && typeof data.width === 'number' && typeof data.height === 'number') {
        stats.viewportWidth = data.width;
        stats.viewportHeight = data.height;
      }
    } else if (e.type === EventType.IncrementalSnapshot) {
      if (data.source === IncrementalSource.MouseInteraction && data.type === MOUSE_INTERACTION_CLICK) stats.clickCount++;
      if (data.source === IncrementalSource.Log && data.level === 'error') stats.errorCount++;
    } else if (e.type === EventType.Custom && data.tag === IDENTIFY_TAG) {
      const userId = (data.payload as { userId?: unknown } | undefined)?.userId;
      if (typeof userId === 'string' || typeof userId === 'number') stats.userId = String(userId).slice(0, 256);
    } else if (e.type === EventType.Plugin) {
      if (data.plugin === CONSOLE_PLUGIN_NAME && (data.payload as { level?: unknown } | undefined)?.level === 'error') {
        stats.errorCount++;
      }
      if (data.plugin === NETWORK_PLUGIN_NAME) stats.hasNetwork = true;
    }
  }
  if (events.length === 0) stats.timestampStart = stats.timestampEnd = 0;
  // Keep the first URLs and the last one (the page the next chunk continues on).
  if (stats.pageUrls.length > DERIVED_LIMITS.pageUrls) stats.pageUrls.splice(DERIVED_LIMITS.pageUrls - 1, stats.pageUrls.length - DERIVED_LIMITS.pageUrls);
  return stats;
}
