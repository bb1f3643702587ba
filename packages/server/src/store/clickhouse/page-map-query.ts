import {
  CLICK_BIN_PX, MAP_WIDTHS, MAX_CLICK_BINS, scrollReach, SCROLL_STEP_PX, TOP_ELEMENTS, urlPatternRegex,
  type PageMap, type PageMapQuery,
} from '@gosight/shared';
import type { ClickHouseDb } from './clickhouse-db.js';
import { INDEX_FINAL } from './index-final.js';
import { SqlWhere } from './sql-where.js';

type Num = number | string;

/**
 * A page map aggregated in ClickHouse over `replay_event_index`: click squares, each
 * session's deepest scroll, the most clicked elements and the page view to draw them on.
 * Only the aggregates leave the store (at most `MAX_CLICK_BINS` squares), whatever the
 * number of sessions. The twin of `pageMapOf` (memory).
 */
export async function queryPageMap(q: ClickHouseDb, projectId: string, query: PageMapQuery): Promise<PageMap> {
  const idx = `${q.name}.replay_event_index FINAL`;
  const filter = new SqlWhere({ projectId, page: urlPatternRegex(query.url) }).add('project_id = {projectId:String}').add('match(url, {page:String})')
    .when(query.from, 'from', 'Int64', (p) => `ts >= fromUnixTimestamp64Milli(${p})`)
    .when(query.to, 'to', 'Int64', (p) => `ts <= fromUnixTimestamp64Milli(${p})`);
  if (query.device !== undefined) {
    // INDEX_FINAL reaches this subquery too: harmless, every version of a session row has its device class.
    filter.add(`session_id IN (SELECT session_id FROM ${q.name}.replay_sessions FINAL WHERE project_id = {projectId:String} AND device_class = ${filter.param('device', 'String', query.device)})`);
  }
  // The widths on offer are counted over every width; the rest over the widths asked for.
  const anyWidth = filter.sql;
  const where = filter
    .when(query.minViewportWidth, 'minWidth', 'UInt16', (p) => `viewport_width >= ${p}`)
    .when(query.maxViewportWidth, 'maxWidth', 'UInt16', (p) => `viewport_width <= ${p}`).sql;
  const params = filter.params;
  const clicks = `kind IN ('click', 'rage_click', 'dead_click')`;
  const [[viewers], bins, depths, elements, [modal], widths] = await Promise.all([
    q.rows<{ sessions: Num }>(`SELECT uniqExact(session_id) AS sessions FROM ${idx} WHERE kind = 'page_view' AND ${where} ${INDEX_FINAL}`, params),
    q.rows<{ bx: Num; by: Num; clicks: Num; rage: Num; dead: Num }>(
      `SELECT toInt32(floor(x / ${CLICK_BIN_PX})) * ${CLICK_BIN_PX} AS bx, toInt32(floor(y / ${CLICK_BIN_PX})) * ${CLICK_BIN_PX} AS by,
              countIf(kind = 'click') AS clicks, countIf(kind = 'rage_click') AS rage, countIf(kind = 'dead_click') AS dead
       FROM ${idx} WHERE ${clicks} AND ${where}
       GROUP BY bx, by ORDER BY clicks DESC, by, bx LIMIT ${MAX_CLICK_BINS} ${INDEX_FINAL}`, params),
    q.rows<{ step: Num; n: Num }>(
      `SELECT toUInt32(floor(d / ${SCROLL_STEP_PX})) * ${SCROLL_STEP_PX} AS step, count() AS n
       FROM (SELECT session_id, max(depth) AS d FROM ${idx} WHERE kind = 'scroll' AND ${where} GROUP BY session_id)
       GROUP BY step ${INDEX_FINAL}`, params),
    q.rows<{ selector: string; tag: string; text: string; label: string; clicks: Num; rage: Num; dead: Num; sessions: Num }>(
      `SELECT el_selector AS selector, argMin(el_tag, ts) AS tag, text, el_label AS label,
              countIf(kind = 'click') AS clicks, countIf(kind = 'rage_click') AS rage, countIf(kind = 'dead_click') AS dead,
              uniqExactIf(session_id, kind = 'click') AS sessions
       FROM ${idx} WHERE ${clicks} AND el_selector != '' AND ${where}
       GROUP BY el_selector, text, el_label HAVING clicks > 0 ORDER BY clicks DESC, selector, text, label LIMIT ${TOP_ELEMENTS} ${INDEX_FINAL}`, params),
    q.rows<{ w: Num }>(`SELECT viewport_width AS w FROM ${idx} WHERE kind = 'page_view' AND ${where}
       GROUP BY w ORDER BY count() DESC, w DESC LIMIT 1 ${INDEX_FINAL}`, params),
    q.rows<{ w: Num; sessions: Num }>(`SELECT viewport_width AS w, uniqExact(session_id) AS sessions FROM ${idx} WHERE kind = 'page_view' AND ${anyWidth}
       GROUP BY w ORDER BY sessions DESC, w DESC LIMIT ${MAP_WIDTHS} ${INDEX_FINAL}`, params),
  ]);
  const [view] = modal ? await q.rows<{ sid: string; chunk_index: Num; t: Num; vw: Num; vh: Num }>(
    `SELECT toString(session_id) AS sid, chunk_index, toUnixTimestamp64Milli(ts) AS t, viewport_width AS vw, viewport_height AS vh
     FROM ${idx} WHERE kind = 'page_view' AND ${where} AND viewport_width = {w:UInt16}
     ORDER BY ts DESC, sid LIMIT 1 ${INDEX_FINAL}`, { ...params, w: Number(modal.w) }) : [];
  return {
    query,
    sessions: Number(viewers?.sessions ?? 0),
    binPx: CLICK_BIN_PX,
    clicks: bins.map((b) => ({ x: Number(b.bx), y: Number(b.by), clicks: Number(b.clicks), rageClicks: Number(b.rage), deadClicks: Number(b.dead) })),
    ...scrollReach(new Map(depths.map((d) => [Number(d.step), Number(d.n)]))),
    topElements: elements.map((e) => ({
      selector: e.selector, tag: e.tag, text: e.text, ariaLabel: e.label, clicks: Number(e.clicks), rageClicks: Number(e.rage),
      deadClicks: Number(e.dead), sessions: Number(e.sessions),
    })),
    widths: widths.map((w) => ({ width: Number(w.w), sessions: Number(w.sessions) })),
    ...(view ? { snapshot: { sessionId: view.sid, chunkIndex: Number(view.chunk_index), timestamp: Number(view.t), viewportWidth: Number(view.vw), viewportHeight: Number(view.vh) } } : {}),
  };
}
