import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEVICE_CLASSES, type DeviceClass, type WidthCount } from '@gosight/shared';
import { fetchPageMap } from '../api/readApi.js';
import { useApiResource } from '../api/useApiResource.js';
import { useElementSize } from '../player-ui/useElementSize.js';
import { MapStage } from './MapStage.js';
import { mapFiltersFromParams, mapFiltersToParams, toMapQuery, type MapFilters } from './mapFilters.js';
import '../styles/maps.css';

/** Width of the table beside the map, with the gap (maps.css). */
const SIDE_PX = 440;

/**
 * `/maps`: where people clicked on a page and how far down they read, aggregated by the
 * server over every session that viewed it, drawn over a replay of the page itself.
 */
export function MapsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => mapFiltersFromParams(params), [params]);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const query = useMemo(() => toMapQuery(filters), [filters]);
  const { data: map, error, loading } = useApiResource(query && JSON.stringify(query), (signal) => fetchPageMap(query!, signal));
  const areaRef = useRef<HTMLDivElement>(null);
  const area = useElementSize(areaRef);
  const set = (next: MapFilters) => setParams(mapFiltersToParams(next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Another page has its own widths on offer.
    set(draft.url === filters.url ? draft : { ...draft, width: '' });
  };
  const totals = map ? map.clicks.reduce((t, b) => ({ clicks: t.clicks + b.clicks, rage: t.rage + b.rageClicks, dead: t.dead + b.deadClicks }), { clicks: 0, rage: 0, dead: 0 }) : null;

  return (
    <section className="page page-maps">
      <div className="page-heading">
        <div>
          <h1>Click and scroll maps</h1>
          <p className="muted">Where visitors clicked on a page, and how far down they scrolled.</p>
        </div>
      </div>
      <form className="filter-bar" data-testid="map-filters" onSubmit={submit}>
        <label className="filter-field filter-search">
          <span className="filter-label">Page URL</span>
          <input type="search" placeholder="/pricing   or   https://shop.test/product/*" value={draft.url} data-testid="map-url"
            onChange={(e) => setDraft({ ...draft, url: e.currentTarget.value })} />
        </label>
        <label className="filter-field">
          <span className="filter-label">From</span>
          <input type="date" value={draft.fromDate} onChange={(e) => setDraft({ ...draft, fromDate: e.currentTarget.value })} />
        </label>
        <label className="filter-field">
          <span className="filter-label">To</span>
          <input type="date" value={draft.toDate} onChange={(e) => setDraft({ ...draft, toDate: e.currentTarget.value })} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Device</span>
          <select value={draft.device} data-testid="map-device" onChange={(e) => setDraft({ ...draft, device: e.currentTarget.value as DeviceClass | '' })}>
            <option value="">Any device</option>
            {DEVICE_CLASSES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="filter-field">
          <span className="filter-label">Width</span>
          {/* The widths come with the map, so choosing one redraws at once. */}
          <select value={filters.width} data-testid="map-width" disabled={!map}
            onChange={(e) => set({ ...filters, width: e.currentTarget.value === '' ? '' : Number(e.currentTarget.value) })}>
            <option value="">Any width</option>
            {widthChoices(map?.widths ?? [], filters.width).map((w) => (
              <option key={w.width} value={w.width}>{w.width} px{w.sessions === undefined ? '' : ` · ${w.sessions} session${w.sessions === 1 ? '' : 's'}`}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="map-apply">Show map</button>
        <div className="filter-field filter-sort">
          <span className="filter-label">Map</span>
          <div className="filter-toggles">
            {(['clicks', 'scroll'] as const).map((v) => (
              <button key={v} type="button" className={`toggle-chip${filters.view === v ? ' on' : ''}`} aria-pressed={filters.view === v}
                data-testid={`map-view-${v}`} onClick={() => set({ ...filters, view: v })}>
                {v === 'clicks' ? 'Clicks' : 'Scroll depth'}
              </button>
            ))}
          </div>
        </div>
      </form>

      {!filters.url && <div className="notice muted">Choose a page: a part of its URL, or a pattern with * for pages that share a layout.</div>}
      {error && <div className="alert" role="alert" data-testid="map-error">Could not load the map: {error}</div>}
      {loading && !map && <div className="notice muted">Aggregating…</div>}
      <div ref={areaRef}>
      {map && totals && (
        <div className="maps-layout">
          <div className="map-column">
            <p className="muted map-stats" data-testid="map-stats" data-sessions={map.sessions} data-clicks={totals.clicks} data-rage={totals.rage} data-dead={totals.dead}>
              {map.sessions} sessions viewed this page · {totals.clicks} clicks · {totals.rage} rage clicks · {totals.dead} dead clicks
              {map.snapshot ? ` · drawn on a ${map.snapshot.viewportWidth} px wide view` : ''}
            </p>
            {filters.width === '' && map.widths.length > 1 && (
              <p className="notice muted" data-testid="map-mixed-widths">
                Viewed at {map.widths.length} widths: each click is drawn where it was on its own layout. Choose a width to see one layout.
              </p>
            )}
            {filters.view === 'clicks' && (
              <p className="map-legend muted"><span className="legend-dot" /> clicks <span className="legend-ring rage" /> rage clicks <span className="legend-ring dead" /> dead clicks</p>
            )}
            <MapStage map={map} view={filters.view} width={Math.max(320, area.width - SIDE_PX)} />
          </div>
          <aside className="map-side">
            <h2>Most clicked elements</h2>
            {map.topElements.length === 0 ? <p className="muted">No clicks on this page.</p> : (
              <table className="top-elements" data-testid="top-elements">
                <thead><tr><th>Element</th><th className="num">Clicks</th><th className="num">Sessions</th><th className="num">Rage</th><th className="num">Dead</th></tr></thead>
                <tbody>
                  {map.topElements.map((el) => (
                    <tr key={`${el.selector}|${el.text}|${el.ariaLabel}`} data-testid="top-element" data-selector={el.selector} data-clicks={el.clicks}>
                      <td title={el.selector}>
                        <div className="el-name">{el.ariaLabel || el.text || el.tag}</div>
                        <code className="el-selector">{el.selector.split(' > ').slice(-2).join(' > ')}</code>
                      </td>
                      <td className="num">{el.clicks}</td>
                      <td className="num">{el.sessions}</td>
                      <td className="num">{el.rageClicks || ''}</td>
                      <td className="num">{el.deadClicks || ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>Scroll depth</h2>
            <ul className="scroll-reach" data-testid="scroll-reach">
              {map.scroll.filter((r) => r.depth % 500 === 0).map((r) => (
                <li key={r.depth}><span>{r.depth.toLocaleString()} px</span><span className="reach-bar"><span style={{ width: `${Math.round(r.share * 100)}%` }} /></span><span className="num">{Math.round(r.share * 100)}%</span></li>
              ))}
            </ul>
          </aside>
        </div>
      )}
      </div>
    </section>
  );
}

/** The widths to offer: the map's, and the one chosen (from a link) when the map has no views at it. */
function widthChoices(widths: readonly WidthCount[], chosen: number | ''): readonly { width: number; sessions?: number }[] {
  if (chosen === '' || widths.some((w) => w.width === chosen)) return widths;
  return [...widths, { width: chosen }];
}
