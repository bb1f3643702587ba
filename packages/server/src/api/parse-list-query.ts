import { SearchParamError, searchFromParams, SESSION_SORTS, type SessionSort } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import type { ListSessionsQuery } from '../store/index.js';

const MAX_PAGE = 200;

type QueryString = Record<string, string | string[] | undefined>;

/** Turns `GET /api/sessions` query strings into a checked query; bad values get a 400 naming them. */
export function parseListQuery(raw: QueryString): ListSessionsQuery {
  const all = (name: string): string[] => {
    const v = raw[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  // Only the search's `visited` may repeat; elsewhere the last value given counts.
  const q: Record<string, string | undefined> = Object.fromEntries(Object.keys(raw).map((k) => [k, all(k).at(-1)]));
  let search;
  try {
    search = searchFromParams(all);
  } catch (err) {
    if (err instanceof SearchParamError) throw new GoSightError('INVALID_REQUEST', err.message);
    throw err;
  }
  const query: ListSessionsQuery = {
    ...search,
    limit: int(q.limit, 'limit', 1, MAX_PAGE) ?? 25,
    offset: int(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
  if (q.url) query.url = q.url.slice(0, 500);
  const from = int(q.from, 'from', 0, Number.MAX_SAFE_INTEGER);
  const to = int(q.to, 'to', 0, Number.MAX_SAFE_INTEGER);
  const minDurationMs = int(q.minDurationMs, 'minDurationMs', 0, Number.MAX_SAFE_INTEGER);
  const maxDurationMs = int(q.maxDurationMs, 'maxDurationMs', 0, Number.MAX_SAFE_INTEGER);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (minDurationMs !== undefined) query.minDurationMs = minDurationMs;
  if (maxDurationMs !== undefined) query.maxDurationMs = maxDurationMs;
  const hasErrors = bool(q.hasErrors, 'hasErrors');
  const hasRageClicks = bool(q.hasRageClicks, 'hasRageClicks');
  if (hasErrors) query.hasErrors = true;
  if (hasRageClicks) query.hasRageClicks = true;
  if (q.sort) {
    if (!SESSION_SORTS.includes(q.sort as SessionSort)) {
      throw new GoSightError('INVALID_REQUEST', `sort must be one of ${SESSION_SORTS.join(', ')} (got "${q.sort}")`);
    }
    query.sort = q.sort as SessionSort;
  }
  return query;
}

/** An optional integer query or path parameter in [min, max]; a bad value is a 400 naming it. */
export function int(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new GoSightError('INVALID_REQUEST', `${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function bool(raw: string | undefined, name: string): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new GoSightError('INVALID_REQUEST', `${name} must be true or false (got "${raw}")`);
}
