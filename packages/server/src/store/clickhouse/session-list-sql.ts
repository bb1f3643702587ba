import { urlPatternRegex, type SessionSort } from '@gosight/shared';
import type { ListSessionsQuery } from '../chunk-store.js';

const ORDER_BY: Record<SessionSort, string> = {
  newest: 'started_at DESC, session_id',
  oldest: 'started_at ASC, session_id',
  longest: 'duration_ms DESC, started_at DESC',
  shortest: 'duration_ms ASC, started_at DESC',
  most_errors: 'error_count DESC, started_at DESC',
  most_clicks: 'click_count DESC, started_at DESC',
};

/**
 * The WHERE and ORDER BY of a session list query over `replay_sessions`. Every value goes
 * in as a query parameter; only the fixed ORDER BY strings above are spliced in.
 */
export function sessionListSql(projectId: string, q: ListSessionsQuery): { where: string; orderBy: string; params: Record<string, unknown> } {
  const clauses = ['project_id = {projectId:String}'];
  const params: Record<string, unknown> = { projectId, limit: q.limit, offset: q.offset };
  if (q.url) {
    clauses.push('arrayExists(u -> positionCaseInsensitiveUTF8(u, {url:String}) > 0, page_urls)');
    params.url = q.url;
  }
  if (q.from !== undefined) {
    clauses.push('started_at >= fromUnixTimestamp64Milli({from:Int64})');
    params.from = q.from;
  }
  if (q.to !== undefined) {
    clauses.push('started_at <= fromUnixTimestamp64Milli({to:Int64})');
    params.to = q.to;
  }
  if (q.minDurationMs !== undefined) {
    clauses.push('duration_ms >= {minDurationMs:UInt64}');
    params.minDurationMs = q.minDurationMs;
  }
  if (q.maxDurationMs !== undefined) {
    clauses.push('duration_ms <= {maxDurationMs:UInt64}');
    params.maxDurationMs = q.maxDurationMs;
  }
  if (q.hasErrors) clauses.push('error_count > 0');
  if (q.hasRageClicks) clauses.push('rage_click_count > 0');
  if (q.hasDeadClicks) clauses.push('dead_click_count > 0');
  if (q.browser) {
    clauses.push('lower(browser) = lower({browser:String})');
    params.browser = q.browser;
  }
  if (q.os) {
    clauses.push('lower(os) = lower({os:String})');
    params.os = q.os;
  }
  if (q.device) {
    clauses.push('device_class = {device:String}');
    params.device = q.device;
  }
  if (q.minViewportWidth !== undefined) {
    clauses.push('viewport_width >= {minViewportWidth:UInt16}');
    params.minViewportWidth = q.minViewportWidth;
  }
  if (q.maxViewportWidth !== undefined) {
    clauses.push('viewport_width <= {maxViewportWidth:UInt16}');
    params.maxViewportWidth = q.maxViewportWidth;
  }
  if (q.visited) {
    clauses.push(`${visitedInOrder(q.visited.length)} > 0`);
    q.visited.forEach((p, i) => { params[`visited${i}`] = urlPatternRegex(p); });
  }
  return { where: clauses.join(' AND '), orderBy: ORDER_BY[q.sort ?? 'newest'], params };
}

/**
 * Position in `page_urls` (1-based) of the page that completes the sequence `{visited0}`,
 * `{visited1}`, … (each found after the one before it, earliest first), or 0: the twin of
 * `sequenceEnd`. The session's page list keeps its order, so no join with the index is needed.
 */
function visitedInOrder(count: number): string {
  let at = 'arrayFirstIndex(u -> match(u, {visited0:String}), page_urls)';
  for (let i = 1; i < count; i++) {
    at = `if((${at}) AS at${i} = 0, 0, arrayFirstIndex((u, i) -> i > at${i} AND match(u, {visited${i}:String}), page_urls, arrayEnumerate(page_urls)))`;
  }
  return at;
}
