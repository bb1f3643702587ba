import { urlPatternRegex, type SessionSort } from '@gosight/shared';
import type { ListSessionsQuery } from '../chunk-store.js';
import { SqlWhere } from './sql-where.js';

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
  const where = new SqlWhere({ projectId, limit: q.limit, offset: q.offset }).add('project_id = {projectId:String}');
  if (q.url) where.add(`arrayExists(u -> positionCaseInsensitiveUTF8(u, ${where.param('url', 'String', q.url)}) > 0, page_urls)`);
  where
    .when(q.from, 'from', 'Int64', (p) => `started_at >= fromUnixTimestamp64Milli(${p})`)
    .when(q.to, 'to', 'Int64', (p) => `started_at <= fromUnixTimestamp64Milli(${p})`)
    .when(q.minDurationMs, 'minDurationMs', 'UInt64', (p) => `duration_ms >= ${p}`)
    .when(q.maxDurationMs, 'maxDurationMs', 'UInt64', (p) => `duration_ms <= ${p}`);
  if (q.hasErrors) where.add('error_count > 0');
  if (q.hasRageClicks) where.add('rage_click_count > 0');
  if (q.hasDeadClicks) where.add('dead_click_count > 0');
  if (q.browser) where.add(`lower(browser) = lower(${where.param('browser', 'String', q.browser)})`);
  if (q.os) where.add(`lower(os) = lower(${where.param('os', 'String', q.os)})`);
  if (q.device) where.add(`device_class = ${where.param('device', 'String', q.device)}`);
  where
    .when(q.minViewportWidth, 'minViewportWidth', 'UInt16', (p) => `viewport_width >= ${p}`)
    .when(q.maxViewportWidth, 'maxViewportWidth', 'UInt16', (p) => `viewport_width <= ${p}`);
  if (q.visited) {
    where.add(`${visitedInOrder(q.visited.length)} > 0`);
    q.visited.forEach((p, i) => { where.params[`visited${i}`] = urlPatternRegex(p); });
  }
  return { where: where.sql, orderBy: ORDER_BY[q.sort ?? 'newest'], params: where.params };
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
