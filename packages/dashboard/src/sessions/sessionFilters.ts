import {
  SearchParamError, searchFromParams, searchToParams, SESSION_SORTS, sessionsPath,
  type SessionListQuery, type SessionSearch, type SessionSort,
} from '@gosight/shared';

/** The session list's filters as the page keeps them in its URL (shareable, survives reload). */
export interface SessionFilters {
  /** Substring of any page URL. */
  url: string;
  /** Local calendar days `YYYY-MM-DD`, inclusive; '' for open-ended. */
  fromDate: string;
  toDate: string;
  minDurationMs: number | null;
  maxDurationMs: number | null;
  hasErrors: boolean;
  hasRageClicks: boolean;
  sort: SessionSort;
  offset: number;
  /** What happened in the session (clicked element, pages in order, errors, requests, …). */
  search: SessionSearch;
}

export const DEFAULT_FILTERS: SessionFilters = {
  search: {},
  url: '',
  fromDate: '',
  toDate: '',
  minDurationMs: null,
  maxDurationMs: null,
  hasErrors: false,
  hasRageClicks: false,
  sort: 'newest',
  offset: 0,
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const nonNegativeInt = (value: string | null): number | null => {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.floor(parsed) : null;
};

/**
 * The search filters of a query string. A malformed one (a hand-edited link) is left out,
 * and named in `error`, rather than failing the whole page.
 */
export function searchOfParams(params: URLSearchParams): { search: SessionSearch; error?: string } {
  const skipped = new Set<string>();
  for (;;) {
    try {
      const search = searchFromParams((name) => (skipped.has(name) ? [] : params.getAll(name)));
      return skipped.size > 0 ? { search, error: `Ignored ${[...skipped].join(', ')}: not a valid value` } : { search };
    } catch (err) {
      if (!(err instanceof SearchParamError) || skipped.has(err.param)) return { search: {}, error: String(err) };
      // `eventProp` fails without `event`; naming the parameter that failed keeps the rest.
      skipped.add(err.param);
    }
  }
}

/** Reads the filters from the page's query string; anything malformed falls back to its default. */
export function filtersFromParams(params: URLSearchParams): SessionFilters {
  const sort = params.get('sort') as SessionSort | null;
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE_PATTERN.test(value) ? value : '';
  };
  return {
    url: params.get('url') ?? '',
    fromDate: date('from'),
    toDate: date('to'),
    minDurationMs: nonNegativeInt(params.get('minDurationMs')),
    maxDurationMs: nonNegativeInt(params.get('maxDurationMs')),
    hasErrors: params.get('hasErrors') === 'true',
    hasRageClicks: params.get('hasRageClicks') === 'true',
    sort: sort && SESSION_SORTS.includes(sort) ? sort : DEFAULT_FILTERS.sort,
    offset: nonNegativeInt(params.get('offset')) ?? 0,
    search: searchOfParams(params).search,
  };
}

/** The page's query string for `filters`: only what differs from the defaults, so plain `/` stays plain. */
export function filtersToParams(filters: SessionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.url.trim()) params.set('url', filters.url.trim());
  if (filters.fromDate) params.set('from', filters.fromDate);
  if (filters.toDate) params.set('to', filters.toDate);
  if (filters.minDurationMs !== null) params.set('minDurationMs', String(filters.minDurationMs));
  if (filters.maxDurationMs !== null) params.set('maxDurationMs', String(filters.maxDurationMs));
  if (filters.hasErrors) params.set('hasErrors', 'true');
  if (filters.hasRageClicks) params.set('hasRageClicks', 'true');
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  for (const [name, value] of searchToParams(filters.search)) params.append(name, value);
  return params;
}

/** Start of a local calendar day, or of the day after it (`endOfDay`), in epoch ms. */
function localDay(value: string, endOfDay: boolean): number | undefined {
  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  return new Date(year, month - 1, day + (endOfDay ? 1 : 0)).getTime() - (endOfDay ? 1 : 0);
}

/** The API query for `filters`: days become the epoch-ms bounds of those local days. */
export function toListQuery(filters: SessionFilters, limit: number): SessionListQuery {
  const query: SessionListQuery = { ...filters.search, limit, offset: filters.offset, sort: filters.sort };
  if (filters.url.trim()) query.url = filters.url.trim();
  const from = localDay(filters.fromDate, false);
  const to = localDay(filters.toDate, true);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (filters.minDurationMs !== null) query.minDurationMs = filters.minDurationMs;
  if (filters.maxDurationMs !== null) query.maxDurationMs = filters.maxDurationMs;
  if (filters.hasErrors) query.hasErrors = true;
  if (filters.hasRageClicks) query.hasRageClicks = true;
  return query;
}

const SEARCH_FIELDS = new Set<string>(['click', 'visited', 'error', 'warning', 'request', 'event', 'userId', 'trait', 'browser', 'os', 'device',
  'minViewportWidth', 'maxViewportWidth', 'hasDeadClicks']);

/** `GET …/sessions?…` for a query, parameters in a stable order; the project's sessions when given. */
export function sessionListPath(query: SessionListQuery, project?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query) as Array<[keyof SessionListQuery, unknown]>) {
    if (value === undefined || value === false || SEARCH_FIELDS.has(name)) continue;
    params.set(name, String(value));
  }
  for (const [name, value] of searchToParams(query)) params.append(name, value);
  return `${sessionsPath(project)}?${params.toString()}`;
}

/** Whether the search (what happened) narrows the list. */
export const isSearching = (search: SessionSearch): boolean => searchToParams(search).length > 0;

/** True when any filter narrows the list (sorting and paging do not). */
export const isFiltered = (filters: SessionFilters): boolean =>
  Boolean(filters.url.trim() || filters.fromDate || filters.toDate) ||
  filters.minDurationMs !== null ||
  filters.maxDurationMs !== null ||
  filters.hasErrors ||
  filters.hasRageClicks ||
  isSearching(filters.search);
