import type { SessionSort } from '@gosight/shared';
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
  return { where: clauses.join(' AND '), orderBy: ORDER_BY[q.sort ?? 'newest'], params };
}
