/**
 * Search by what happened in a session (`GET /api/sessions?…`): the filters, how they are
 * written in a query string (the API and the dashboard's URL share the names), and how
 * URL patterns and CSS selectors are matched. Every filter combines with AND.
 */

export type DeviceClass = 'desktop' | 'tablet' | 'mobile';
export const DEVICE_CLASSES: readonly DeviceClass[] = ['desktop', 'tablet', 'mobile'];

/** A clicked element: every given part must hold for the same click. */
export interface ElementFilter {
  /** Visible text contains (case-insensitive). */
  text?: string;
  /** `id` equals. */
  id?: string;
  /** Has this class. */
  className?: string;
  /** `aria-label` (or title, alt) contains (case-insensitive). */
  label?: string;
  /** A CSS selector the element matches: tags, `#id`, `.class`, descendant and `>` combinators. */
  selector?: string;
}

/** An HTTP status range, both ends included; 0 is a request that failed without a response. */
export interface StatusRange {
  min: number;
  max: number;
}

/** A network request: every given part must hold for the same request. */
export interface RequestFilter {
  /** URL pattern (see `urlMatcher`). */
  url?: string;
  method?: string;
  status?: StatusRange;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface SessionSearch {
  click?: ElementFilter;
  /** URL patterns of pages visited, in this order (one: visited at all). */
  visited?: string[];
  /** A console error or unhandled error whose message contains this (case-insensitive). */
  error?: string;
  /** A console warning whose message contains this (case-insensitive). */
  warning?: string;
  request?: RequestFilter;
  /** A custom event with this name, and this property value when given. */
  event?: { name: string; prop?: KeyValue };
  /** Identified as this user (`GoSight.identify`), at any time in the session. */
  userId?: string;
  /** Identified with this trait value. */
  trait?: KeyValue;
  /** Browser name (Chrome, Firefox, Safari, Edge, …), case-insensitive. */
  browser?: string;
  /** Operating system name (Windows, macOS, iOS, Android, Linux, …), case-insensitive. */
  os?: string;
  device?: DeviceClass;
  minViewportWidth?: number;
  maxViewportWidth?: number;
  hasDeadClicks?: boolean;
}

/** The filters that match a moment of a session, each answered with where it matched. */
export type MomentFilter = 'click' | 'visited' | 'error' | 'warning' | 'request' | 'event' | 'userId' | 'trait' | 'rageClick' | 'deadClick';

/** Why a session matched: the first moment that satisfies one filter. */
export interface SearchMatch {
  filter: MomentFilter;
  /** What matched, in one line (the element clicked, the page, the message, the request). */
  label: string;
  timestamp: number;
  /** The chunk that holds the moment. */
  chunkIndex: number;
}

/** A filter value the search cannot take; `param` names it. */
export class SearchParamError extends Error {
  constructor(readonly param: string, message: string) {
    super(`${param}: ${message}`);
  }
}

const MAX_TEXT = 500;
const MAX_VISITED = 5;

/** Reads the search filters from a query string; throws `SearchParamError` naming a bad one. */
export function searchFromParams(get: (name: string) => string[]): SessionSearch {
  const one = (name: string): string | undefined => {
    const values = get(name).filter((v) => v !== '');
    if (values.length > 1) throw new SearchParamError(name, 'give it once');
    const v = values[0];
    if (v !== undefined && v.length > MAX_TEXT) throw new SearchParamError(name, `at most ${MAX_TEXT} characters`);
    return v?.trim() || undefined;
  };
  const search: SessionSearch = {};
  const click: ElementFilter = {};
  const text = one('clickText');
  const id = one('clickId');
  const className = one('clickClass');
  const label = one('clickLabel');
  const selector = one('clickSelector');
  if (text) click.text = text;
  if (id) click.id = id;
  if (className) click.className = className.replace(/^\./, '');
  if (label) click.label = label;
  if (selector) {
    selectorRegex(selector, 'clickSelector');
    click.selector = selector;
  }
  if (Object.keys(click).length > 0) search.click = click;
  const visited = get('visited').map((v) => v.trim()).filter((v) => v !== '');
  if (visited.length > MAX_VISITED) throw new SearchParamError('visited', `at most ${MAX_VISITED} pages in a sequence`);
  if (visited.some((v) => v.length > MAX_TEXT)) throw new SearchParamError('visited', `at most ${MAX_TEXT} characters`);
  if (visited.length > 0) search.visited = visited;
  const error = one('error');
  const warning = one('warning');
  if (error) search.error = error;
  if (warning) search.warning = warning;
  const request: RequestFilter = {};
  const requestUrl = one('requestUrl');
  const method = one('requestMethod');
  const status = one('requestStatus');
  if (requestUrl) request.url = requestUrl;
  if (method) {
    if (!/^[A-Za-z]{1,16}$/.test(method)) throw new SearchParamError('requestMethod', 'an HTTP method such as GET or POST');
    request.method = method.toUpperCase();
  }
  if (status) request.status = parseStatusRange(status);
  if (Object.keys(request).length > 0) search.request = request;
  const event = one('event');
  const eventProp = one('eventProp');
  if (eventProp && !event) throw new SearchParamError('eventProp', 'needs an event name (event=…)');
  if (event) search.event = { name: event, ...(eventProp ? { prop: keyValue(eventProp, 'eventProp') } : {}) };
  const userId = one('userId');
  const trait = one('trait');
  if (userId) search.userId = userId;
  if (trait) search.trait = keyValue(trait, 'trait');
  const browser = one('browser');
  const os = one('os');
  const device = one('device');
  if (browser) search.browser = browser;
  if (os) search.os = os;
  if (device) {
    if (!DEVICE_CLASSES.includes(device as DeviceClass)) throw new SearchParamError('device', `one of ${DEVICE_CLASSES.join(', ')}`);
    search.device = device as DeviceClass;
  }
  const minW = pixels(one('minViewportWidth'), 'minViewportWidth');
  const maxW = pixels(one('maxViewportWidth'), 'maxViewportWidth');
  if (minW !== undefined) search.minViewportWidth = minW;
  if (maxW !== undefined) search.maxViewportWidth = maxW;
  const dead = one('hasDeadClicks');
  if (dead !== undefined) {
    if (!['true', 'false', '1', '0'].includes(dead)) throw new SearchParamError('hasDeadClicks', 'true or false');
    if (dead === 'true' || dead === '1') search.hasDeadClicks = true;
  }
  return search;
}

/** Writes the search filters as query-string pairs (the inverse of `searchFromParams`). */
export function searchToParams(search: SessionSearch): [string, string][] {
  const out: [string, string][] = [];
  const add = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') out.push([name, String(value)]);
  };
  add('clickText', search.click?.text);
  add('clickId', search.click?.id);
  add('clickClass', search.click?.className);
  add('clickLabel', search.click?.label);
  add('clickSelector', search.click?.selector);
  for (const v of search.visited ?? []) add('visited', v);
  add('error', search.error);
  add('warning', search.warning);
  add('requestUrl', search.request?.url);
  add('requestMethod', search.request?.method);
  add('requestStatus', search.request?.status && formatStatusRange(search.request.status));
  add('event', search.event?.name);
  add('eventProp', search.event?.prop && `${search.event.prop.key}=${search.event.prop.value}`);
  add('userId', search.userId);
  add('trait', search.trait && `${search.trait.key}=${search.trait.value}`);
  add('browser', search.browser);
  add('os', search.os);
  add('device', search.device);
  add('minViewportWidth', search.minViewportWidth);
  add('maxViewportWidth', search.maxViewportWidth);
  if (search.hasDeadClicks) add('hasDeadClicks', 'true');
  return out;
}

/** `5xx`, `404`, `400-499`, or `failed` (no response, status 0). */
export function parseStatusRange(raw: string): StatusRange {
  const s = raw.trim().toLowerCase();
  if (s === 'failed' || s === '0') return { min: 0, max: 0 };
  let m = /^([1-5])xx$/.exec(s);
  if (m) return { min: Number(m[1]) * 100, max: Number(m[1]) * 100 + 99 };
  m = /^(\d{3})(?:-(\d{3}))?$/.exec(s);
  if (m) {
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (min >= 100 && max <= 599 && min <= max) return { min, max };
  }
  throw new SearchParamError('requestStatus', 'a status (404), a class (5xx), a range (400-499) or failed');
}

export function formatStatusRange(r: StatusRange): string {
  if (r.min === 0 && r.max === 0) return 'failed';
  if (r.min % 100 === 0 && r.max === r.min + 99) return `${r.min / 100}xx`;
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`;
}

function keyValue(raw: string, param: string): KeyValue {
  const at = raw.indexOf('=');
  if (at <= 0) throw new SearchParamError(param, 'key=value');
  return { key: raw.slice(0, at).trim(), value: raw.slice(at + 1).trim() };
}

function pixels(raw: string | undefined, param: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new SearchParamError(param, 'a width in CSS pixels, 0 to 65535');
  return n;
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * How a URL pattern matches: with `*` it is a wildcard pattern over the whole URL
 * (`https://shop.test/product/*`); without, a part of the URL (`/checkout`). Both ignore case.
 * As a regular expression that both RE2 (ClickHouse) and JavaScript read the same way.
 */
export function urlPatternRegex(pattern: string): string {
  if (!pattern.includes('*')) return `(?i)${escapeRegex(pattern)}`;
  return `(?i)^${pattern.split('*').map(escapeRegex).join('.*')}$`;
}

/** A regular expression from `urlPatternRegex` et al. in JavaScript (which spells `(?i)` as a flag). */
export function jsRegex(re2: string): RegExp {
  return re2.startsWith('(?i)') ? new RegExp(re2.slice(4), 'i') : new RegExp(re2);
}

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
}

const NAME = '(?:[A-Za-z0-9_-]|\\\\.)+';

/**
 * A CSS selector as a regular expression over a click target's selector path
 * (`html > body > form#checkout.card > button#pay.btn.primary`, classes sorted): the last
 * compound must be the element itself. Takes tags, `*`, `#id`, `.class`, and the
 * descendant and child combinators; anything else is refused, naming `param`.
 */
export function selectorRegex(selector: string, param = 'clickSelector'): string {
  const tokens = selector.replace(/\s*>\s*/g, ' > ').trim().split(/\s+/);
  if (tokens.length === 0 || tokens.length > 16) throw new SearchParamError(param, 'from 1 to 16 compound selectors');
  const parts: string[] = [];
  let child = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '>') {
      if (i === 0 || i === tokens.length - 1 || child) throw new SearchParamError(param, `a ">" must stand between two selectors`);
      child = true;
      continue;
    }
    const compound = parseCompound(token, param);
    if (parts.length > 0) parts.push(child ? ' > ' : '(?: > [^ ]+)* > ');
    parts.push(compoundRegex(compound));
    child = false;
  }
  return `(?:^| > )${parts.join('')}$`;
}

function parseCompound(token: string, param: string): Compound {
  const m = new RegExp(`^(\\*|[A-Za-z][A-Za-z0-9-]*)?((?:[#.]${NAME})*)$`).exec(token);
  if (!m) throw new SearchParamError(param, `"${token}" is not supported: use tags, #id, .class, descendant and > combinators`);
  const compound: Compound = { classes: [] };
  if (m[1] && m[1] !== '*') compound.tag = m[1].toLowerCase();
  for (const part of m[2].match(new RegExp(`[#.]${NAME}`, 'g')) ?? []) {
    const name = part.slice(1).replace(/\\(.)/g, '$1');
    if (part[0] === '#') compound.id = name;
    else compound.classes.push(name);
  }
  compound.classes.sort();
  return compound;
}

/** One path segment `tag#id.a.b` (classes sorted) holding at least the compound's parts. */
function compoundRegex(c: Compound): string {
  const otherClasses = '(?:\\.[^ .>]+)*';
  const classes = c.classes.map((name) => `\\.${escapeRegex(name)}${otherClasses}`).join('');
  return `${c.tag ? escapeRegex(c.tag) : '[a-z0-9-]+'}${c.id !== undefined ? `#${escapeRegex(c.id)}` : '(?:#[^ .>]+)?'}${otherClasses}${classes}`;
}
