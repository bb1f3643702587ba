import { sessionsPath } from './api.js';
/**
 * Events the processor derives from a session's rrweb events and stores with it, so they
 * can be searched and drawn without loading the replay (spec §5.3, §6, §7). Served by
 * `GET /api/sessions/:id/events`. Times are epoch milliseconds.
 */
export type SessionEventKind =
  | 'page_view'
  | 'click'
  | 'rage_click'
  | 'dead_click'
  | 'error'
  | 'console'
  | 'network'
  | 'custom';

export type Severity = 'info' | 'warning' | 'error';

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'assert' | 'trace';

export interface SessionEventBase {
  /** Stable within the session: `<chunkIndex>:<kind>:<n>`. */
  id: string;
  kind: SessionEventKind;
  timestamp: number;
  /** The chunk that holds the event (seek there to show it). */
  chunkIndex: number;
  /** One line for timelines and lists. */
  label: string;
  severity: Severity;
}

export interface PageViewEvent extends SessionEventBase {
  kind: 'page_view';
  url: string;
  viewportWidth: number;
  viewportHeight: number;
}

/**
 * The element a click hit, as the recording shows it: the nearest interactive element
 * (link, button, form control, label, or an element with a widget role) at or above the
 * node under the pointer, else that node. Text is what the replay shows: masked text
 * (rrweb's `*`s) and form values are never taken.
 */
export interface ClickTarget {
  /** Lower-case tag name. */
  tag: string;
  /** The `id` attribute; empty when none. */
  id: string;
  classes: string[];
  /** Visible text (whitespace collapsed, at most 100 characters); empty when masked or none. */
  text: string;
  /** The `aria-label` attribute (or `title`, `alt`; a form field's label, placeholder or name); empty when none or masked. */
  ariaLabel: string;
  /** Its path from the root: `html > body > form#checkout.card > button#pay.btn.primary`. */
  selector: string;
}

/** A click, or a rage click (≥ 3 clicks within 1 s within 30 px), or a dead click (no DOM change within 2.5 s). */
export interface ClickEvent extends SessionEventBase {
  kind: 'click' | 'rage_click' | 'dead_click';
  /** Position in the viewport (CSS pixels), as recorded. */
  x: number;
  y: number;
  /** Position in the page: the viewport position plus the document's scroll at the time. */
  pageX?: number;
  pageY?: number;
  /** Width of the viewport at the click (CSS pixels), when the recording said: maps compare clicks at one width. */
  viewportWidth?: number;
  /** rrweb node id of the clicked element (resolvable in the replay's mirror). */
  nodeId: number;
  /** Number of clicks in a rage click; 1 otherwise. */
  count: number;
  /** The element clicked, when the chunk's snapshot holds it. */
  target?: ClickTarget;
}

/** A console entry (kind `console` for log/info/warn/…, `error` for console.error and unhandled errors). */
export interface ConsoleEvent extends SessionEventBase {
  kind: 'console' | 'error';
  level: ConsoleLevel;
  message: string;
  /** Stack frames as recorded, newest first, one per line. */
  stack?: string;
}

export interface NetworkRequest {
  url: string;
  method: string;
  /** HTTP status; 0 when the request failed without a response. */
  status: number;
  /** initiatorType as the browser reports it: fetch, xmlhttprequest, script, img, … */
  type: string;
  /** Bytes transferred, when known. */
  size?: number;
  durationMs: number;
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  requestBody?: unknown;
  responseBody?: unknown;
}

export interface NetworkEvent extends SessionEventBase {
  kind: 'network';
  request: NetworkRequest;
}

export interface CustomEvent extends SessionEventBase {
  kind: 'custom';
  tag: string;
  payload: unknown;
}

export type SessionEvent = PageViewEvent | ClickEvent | ConsoleEvent | NetworkEvent | CustomEvent;

/** A stretch with no user activity (§6): no mouse interaction, scroll, input, touch or navigation. */
export interface InactiveRange {
  start: number;
  end: number;
}

/** `GET /api/sessions/:id/events`. */
export interface SessionEventsResponse {
  sessionId: string;
  startedAt: number;
  endedAt: number;
  /** All derived events, ordered by timestamp. */
  events: SessionEvent[];
  /** Inactive ranges of at least the threshold (5 s), ordered. */
  inactiveRanges: InactiveRange[];
}

export const eventsPath = (sessionId: string, project?: string): string => `${sessionsPath(project)}/${encodeURIComponent(sessionId)}/events`;

/** Inactivity (§6) and click heuristics (issue: derived events), shared by processor and player. */
export const INACTIVITY_THRESHOLD_MS = 5_000;
export const INACTIVITY_MIN_SKIP_MS = 2_000;
export const INACTIVITY_MAX_SPEED = 8;
export const RAGE_CLICK_MIN_CLICKS = 3;
export const RAGE_CLICK_WINDOW_MS = 1_000;
export const RAGE_CLICK_RADIUS_PX = 30;
export const DEAD_CLICK_WINDOW_MS = 2_500;
