import {
  CLICK_BIN_PX, MAP_WIDTHS, MAX_CLICK_BINS, scrollReach, SCROLL_STEP_PX, TOP_ELEMENTS,
  type ClickBin, type DeviceClass, type PageMap, type PageMapQuery, type TopElement,
} from '@gosight/shared';
import type { IndexedMoment } from './moment-conditions.js';
import { urlRegex } from './moment-conditions.js';

/** A moment with its session, as a page map reads it. */
export type SessionMoment = IndexedMoment & { sessionId: string };

/**
 * A page map from moments, in memory: the twin of the ClickHouse aggregation (clickhouse/page-map-query.ts),
 * run by the memory store and checked against it by the contract suite.
 */
export function pageMapOf(q: PageMapQuery, moments: Iterable<SessionMoment>, deviceOf: (sessionId: string) => DeviceClass | undefined): PageMap {
  const page = urlRegex(q.url);
  const bins = new Map<string, ClickBin>();
  const elements = new Map<string, TopElement & { ids: Set<string> }>();
  const viewers = new Set<string>();
  const deepest = new Map<string, number>();
  const views: SessionMoment[] = [];
  /** Sessions per width, over every width (the choices for the width filter). */
  const atWidth = new Map<number, Set<string>>();
  for (const m of moments) {
    if (!page.test(m.url) || (q.from !== undefined && m.timestamp < q.from) || (q.to !== undefined && m.timestamp > q.to)) continue;
    if (q.device !== undefined && deviceOf(m.sessionId) !== q.device) continue;
    if (m.kind === 'page_view') {
      let ids = atWidth.get(m.viewportWidth);
      if (!ids) atWidth.set(m.viewportWidth, (ids = new Set()));
      ids.add(m.sessionId);
    }
    if ((q.minViewportWidth !== undefined && m.viewportWidth < q.minViewportWidth)
      || (q.maxViewportWidth !== undefined && m.viewportWidth > q.maxViewportWidth)) continue;
    if (m.kind === 'page_view') {
      viewers.add(m.sessionId);
      views.push(m);
    } else if (m.kind === 'scroll') {
      deepest.set(m.sessionId, Math.max(deepest.get(m.sessionId) ?? 0, m.depth));
    } else if (m.kind === 'click' || m.kind === 'rage_click' || m.kind === 'dead_click') {
      const x = Math.floor(m.x / CLICK_BIN_PX) * CLICK_BIN_PX;
      const y = Math.floor(m.y / CLICK_BIN_PX) * CLICK_BIN_PX;
      let bin = bins.get(`${x},${y}`);
      if (!bin) bins.set(`${x},${y}`, (bin = { x, y, clicks: 0, rageClicks: 0, deadClicks: 0 }));
      count(bin, m.kind);
      if (m.selector) {
        // Elements that share a path (a list's buttons) are told apart by what they say.
        const id = JSON.stringify([m.selector, m.text, m.ariaLabel]);
        let el = elements.get(id);
        if (!el) {
          elements.set(id, (el = { selector: m.selector, tag: m.tag, text: m.text, ariaLabel: m.ariaLabel, clicks: 0, rageClicks: 0, deadClicks: 0, sessions: 0, ids: new Set() }));
        }
        count(el, m.kind);
        if (m.kind === 'click') el.ids.add(m.sessionId);
      }
    }
  }
  const histogram = new Map<number, number>();
  for (const depth of deepest.values()) {
    const step = Math.floor(depth / SCROLL_STEP_PX) * SCROLL_STEP_PX;
    histogram.set(step, (histogram.get(step) ?? 0) + 1);
  }
  return {
    query: q,
    sessions: viewers.size,
    binPx: CLICK_BIN_PX,
    clicks: [...bins.values()].sort(byClicks).slice(0, MAX_CLICK_BINS),
    ...scrollReach(histogram),
    topElements: [...elements.values()].map(({ ids, ...el }) => ({ ...el, sessions: ids.size }))
      .filter((el) => el.clicks > 0)
      .sort((a, b) => b.clicks - a.clicks || cmp(a.selector, b.selector) || cmp(a.text, b.text) || cmp(a.ariaLabel, b.ariaLabel)).slice(0, TOP_ELEMENTS),
    widths: [...atWidth].map(([width, ids]) => ({ width, sessions: ids.size }))
      .sort((a, b) => b.sessions - a.sessions || b.width - a.width).slice(0, MAP_WIDTHS),
    ...snapshotOf(views),
  };
}

/** Byte order, as ClickHouse sorts strings. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function count(target: { clicks: number; rageClicks: number; deadClicks: number }, kind: string): void {
  if (kind === 'click') target.clicks++;
  else if (kind === 'rage_click') target.rageClicks++;
  else target.deadClicks++;
}

/** Most clicked first; ties top to bottom, left to right (the same order in every store). */
export const byClicks = (a: ClickBin, b: ClickBin): number => b.clicks - a.clicks || a.y - b.y || a.x - b.x;

/** The most recent page view at the most common viewport width (ties: the wider). */
function snapshotOf(views: SessionMoment[]): Pick<PageMap, 'snapshot'> {
  if (views.length === 0) return {};
  const widths = new Map<number, number>();
  for (const v of views) widths.set(v.viewportWidth, (widths.get(v.viewportWidth) ?? 0) + 1);
  const width = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  const latest = views.filter((v) => v.viewportWidth === width).sort((a, b) => b.timestamp - a.timestamp || a.sessionId.localeCompare(b.sessionId))[0];
  return { snapshot: { sessionId: latest.sessionId, chunkIndex: latest.chunkIndex, timestamp: latest.timestamp, viewportWidth: latest.viewportWidth, viewportHeight: latest.viewportHeight } };
}
