import { sessionsPath } from './api.js';
import type { DeviceClass } from './search.js';

/**
 * Click and scroll maps of one page (`GET …/maps?url=&from=&to=&device=&minViewportWidth=&maxViewportWidth=`),
 * aggregated in the store over every session that viewed it. Positions are page pixels (from
 * the document's top left) at the recorded viewport: a responsive page lays out differently at
 * each width, so filter by width (or at least device) for the sessions to share a layout.
 */
export interface PageMapQuery {
  /** URL pattern of the page (see `urlPatternRegex`): a part of the URL, or a wildcard pattern. */
  url: string;
  /** Moments from/to these times (epoch ms). */
  from?: number;
  to?: number;
  device?: DeviceClass;
  /** Only page views, clicks and scrolls at a viewport this wide or wider (CSS pixels). */
  minViewportWidth?: number;
  /** Only those at a viewport this wide or narrower. */
  maxViewportWidth?: number;
}

/** How many sessions viewed the page at one viewport width. */
export interface WidthCount {
  width: number;
  sessions: number;
}

/** Clicks in one square of the page, `binPx` on a side, from its top left corner. */
export interface ClickBin {
  x: number;
  y: number;
  clicks: number;
  rageClicks: number;
  deadClicks: number;
}

/** Of the sessions that viewed the page, how many saw down to `depth` pixels (scroll offset plus viewport). */
export interface ScrollReach {
  depth: number;
  sessions: number;
  /** sessions / all sessions with scroll data for the page, 0..1. */
  share: number;
}

/** A clicked element of the page: its selector path, and what it says (a list's buttons share a path). */
export interface TopElement {
  selector: string;
  tag: string;
  text: string;
  ariaLabel: string;
  clicks: number;
  rageClicks: number;
  deadClicks: number;
  /** Sessions that clicked it. */
  sessions: number;
}

/** Where the map is drawn: a page view of the page whose full snapshot the dashboard replays. */
export interface MapSnapshot {
  sessionId: string;
  chunkIndex: number;
  timestamp: number;
  viewportWidth: number;
  viewportHeight: number;
}

export interface PageMap {
  query: PageMapQuery;
  /** Sessions with a page view of the page. */
  sessions: number;
  binPx: number;
  /** Squares with clicks, most clicked first (at most `MAX_CLICK_BINS`). */
  clicks: ClickBin[];
  /** Every `SCROLL_STEP_PX` from the top, while anyone got there. */
  scroll: ScrollReach[];
  /** Sessions with scroll data for the page (the share's denominator). */
  scrollSessions: number;
  topElements: TopElement[];
  /**
   * The viewport widths the page was viewed at, most sessions first (at most `MAP_WIDTHS`),
   * counted before the width filter: the choices for it.
   */
  widths: WidthCount[];
  /** The most recent page view at the most common viewport width; absent when none matched. */
  snapshot?: MapSnapshot;
}

export const CLICK_BIN_PX = 10;
export const MAX_CLICK_BINS = 20_000;
export const SCROLL_STEP_PX = 100;
export const TOP_ELEMENTS = 20;
export const MAP_WIDTHS = 10;

/** Where page maps are mounted: a project's, and (at /api/maps) the default project's. */
export const PROJECT_MAPS_PREFIX = '/api/projects/:project/maps';
export const MAPS_PATH = '/api/maps';

/** `GET` path of a project's page maps; without a project, the default project's. */
export const mapsPath = (project?: string): string => sessionsPath(project).replace(/\/sessions$/, '/maps');

/** Share of sessions at each depth step from each session's deepest point (`depths`: per session). */
export function scrollReach(depthHistogram: ReadonlyMap<number, number>): { scroll: ScrollReach[]; scrollSessions: number } {
  const steps = [...depthHistogram.keys()].sort((a, b) => a - b);
  const total = [...depthHistogram.values()].reduce((n, c) => n + c, 0);
  const scroll: ScrollReach[] = [];
  const deepest = steps[steps.length - 1] ?? -1;
  let atOrBelow = total;
  let i = 0;
  for (let depth = 0; depth <= deepest; depth += SCROLL_STEP_PX) {
    // Sessions whose deepest step is below `depth` did not get there.
    while (i < steps.length && steps[i] < depth) atOrBelow -= depthHistogram.get(steps[i++])!;
    scroll.push({ depth, sessions: atOrBelow, share: total === 0 ? 0 : atOrBelow / total });
  }
  return { scroll, scrollSessions: total };
}
