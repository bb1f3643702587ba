import {
  jsRegex, selectorRegex, urlPatternRegex,
  type ElementFilter, type KeyValue, type RequestFilter, type SearchMatch, type SessionSearch,
} from '@gosight/shared';
import type { IndexedEvent, IndexedKind } from '../event-index.js';

/** An index row as read back: with the chunk that holds it. */
export type IndexedMoment = IndexedEvent & { chunkIndex: number };

/**
 * A search filter on what happened: it holds for a session when one of the session's
 * indexed moments satisfies it (`visited`: when its page views follow the patterns in
 * order). Each store turns these into its own query (SQL, or `momentMatches` in memory);
 * the moments that explain a result are picked by `explainMatches` in both.
 */
export type MomentCondition =
  | { filter: 'click'; kinds: IndexedKind[]; click: ElementFilter }
  | { filter: 'visited'; kinds: IndexedKind[]; patterns: string[] }
  | { filter: 'error'; kinds: IndexedKind[]; text: string }
  | { filter: 'warning'; kinds: IndexedKind[]; text: string }
  | { filter: 'request'; kinds: IndexedKind[]; request: RequestFilter }
  | { filter: 'event'; kinds: IndexedKind[]; name: string; prop?: KeyValue }
  | { filter: 'userId'; kinds: IndexedKind[]; userId: string }
  | { filter: 'trait'; kinds: IndexedKind[]; trait: KeyValue }
  | { filter: 'rageClick' | 'deadClick'; kinds: IndexedKind[] };

/** The moment conditions of a query (`visited` is also checked on the session row, see the stores). */
export function momentConditions(q: SessionSearch & { hasErrors?: boolean; hasRageClicks?: boolean }): MomentCondition[] {
  const out: MomentCondition[] = [];
  if (q.click) out.push({ filter: 'click', kinds: ['click'], click: q.click });
  if (q.visited) out.push({ filter: 'visited', kinds: ['page_view'], patterns: q.visited });
  if (q.error) out.push({ filter: 'error', kinds: ['error'], text: q.error });
  else if (q.hasErrors) out.push({ filter: 'error', kinds: ['error'], text: '' });
  if (q.warning) out.push({ filter: 'warning', kinds: ['console'], text: q.warning });
  if (q.request) out.push({ filter: 'request', kinds: ['network'], request: q.request });
  if (q.event) out.push({ filter: 'event', kinds: ['custom'], name: q.event.name, ...(q.event.prop ? { prop: q.event.prop } : {}) });
  if (q.userId) out.push({ filter: 'userId', kinds: ['identify'], userId: q.userId });
  if (q.trait) out.push({ filter: 'trait', kinds: ['identify'], trait: q.trait });
  if (q.hasRageClicks) out.push({ filter: 'rageClick', kinds: ['rage_click'] });
  if (q.hasDeadClicks) out.push({ filter: 'deadClick', kinds: ['dead_click'] });
  return out;
}

/**
 * Conditions a session row already answers exactly (its counts: rage and dead clicks, and an
 * error filter without text, which is `hasErrors`), whose moments only explain the match: a
 * store filters them on the row, not the index.
 */
export const explainOnly = (c: MomentCondition): boolean =>
  c.filter === 'rageClick' || c.filter === 'deadClick' || (c.filter === 'error' && c.text === '');

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());
const regexCache = new Map<string, RegExp>();
function regex(re2: string): RegExp {
  let re = regexCache.get(re2);
  if (!re) {
    if (regexCache.size > 1_000) regexCache.clear();
    regexCache.set(re2, (re = jsRegex(re2)));
  }
  return re;
}

/** A URL pattern as a JavaScript regular expression (cached). */
export const urlRegex = (pattern: string): RegExp => regex(urlPatternRegex(pattern));

/** Whether one moment satisfies a condition (for `visited`: matches one of its patterns). */
export function momentMatches(c: MomentCondition, e: IndexedEvent): boolean {
  if (!c.kinds.includes(e.kind)) return false;
  switch (c.filter) {
    case 'click': {
      const f = c.click;
      return (f.text === undefined || contains(e.text, f.text)) && (f.id === undefined || e.elementId === f.id)
        && (f.className === undefined || e.classes.includes(f.className)) && (f.label === undefined || contains(e.ariaLabel, f.label))
        && (f.selector === undefined || regex(selectorRegex(f.selector)).test(e.selector));
    }
    case 'visited':
      return c.patterns.some((p) => regex(urlPatternRegex(p)).test(e.url));
    case 'error':
      return contains(e.text, c.text);
    case 'warning':
      return e.level === 'warn' && contains(e.text, c.text);
    case 'request': {
      const r = c.request;
      return (r.url === undefined || regex(urlPatternRegex(r.url)).test(e.requestUrl)) && (r.method === undefined || e.method === r.method)
        && (r.status === undefined || (e.status >= r.status.min && e.status <= r.status.max));
    }
    case 'event':
      return e.text === c.name && (c.prop === undefined || e.props[c.prop.key] === c.prop.value);
    case 'userId':
      return e.text === c.userId;
    case 'trait':
      return e.props[c.trait.key] === c.trait.value;
    default:
      return true;
  }
}

/** Index of the first URL of `urls` after which the patterns follow in order, or -1 (greedy, earliest). */
export function sequenceEnd(patterns: readonly string[], urls: readonly string[]): number {
  let at = -1;
  for (const p of patterns) {
    const re = regex(urlPatternRegex(p));
    let found = -1;
    for (let i = at + 1; i < urls.length; i++) {
      if (re.test(urls[i])) {
        found = i;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}

/**
 * Why a session matched: for each condition, its first moment (for `visited`, the page view
 * that completes the sequence). `moments` are the session's candidate moments in time order.
 */
export function explainMatches(conditions: readonly MomentCondition[], moments: readonly IndexedMoment[]): SearchMatch[] {
  const out: SearchMatch[] = [];
  for (const c of conditions) {
    let hit: IndexedMoment | undefined;
    if (c.filter === 'visited') {
      const views = moments.filter((m) => m.kind === 'page_view');
      const end = sequenceEnd(c.patterns, views.map((v) => v.url));
      hit = end >= 0 ? views[end] : undefined;
    } else {
      hit = moments.find((m) => momentMatches(c, m));
    }
    if (hit) out.push({ filter: c.filter, label: hit.kind === 'page_view' ? hit.url : hit.label, timestamp: hit.timestamp, chunkIndex: hit.chunkIndex });
  }
  return out;
}

