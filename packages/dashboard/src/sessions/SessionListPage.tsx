import { useCallback, useEffect, useMemo, useState, useTransition } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PLAYER_WARM_DELAY_MS, SESSION_PAGE_SIZE, SESSION_REFRESH_INTERVAL_MS } from '../constants.js';
import { Pagination } from './Pagination.js';
import { SessionFilterBar } from './SessionFilterBar.js';
import { filtersFromParams, filtersToParams, isFiltered, isSearching, searchOfParams, toListQuery, type SessionFilters } from './sessionFilters.js';
import { SearchPanel } from './SearchPanel.js';
import { SessionTable } from './SessionTable.js';
import { useSessionList } from './useSessionList.js';
import { useAuth } from '../auth/AuthGate.js';
import '../styles/sessions.css';

/**
 * `/`: recorded sessions, searchable, filterable and sortable, refreshed every few seconds.
 * Filters, sort and page live in the query string, so a filtered list can be shared.
 */
export function SessionListPage({ warmPlayer }: { warmPlayer: () => Promise<unknown> }) {
  const [params, setParams] = useSearchParams();
  // The next page is probably a replay: load the player's code while the list sits idle.
  useEffect(() => {
    const timer = setTimeout(() => void warmPlayer().catch(() => undefined), PLAYER_WARM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [warmPlayer]);
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const query = useMemo(() => toListQuery(filters, SESSION_PAGE_SIZE), [filters]);
  const { project } = useAuth();
  const { data, error, loading: reading, updatedAt, refresh } = useSessionList(query, project?.id);
  // The router renders a new URL in a transition: until it commits, the rows on screen are
  // the old filters' with nothing to say so. Starting it here makes that wait visible.
  const [navigating, startNavigation] = useTransition();
  const loading = reading || navigating;
  const setFilters = useCallback((next: SessionFilters) => startNavigation(() => setParams(filtersToParams(next))), [setParams]);
  const filtered = isFiltered(filters);
  const searchProblem = useMemo(() => searchOfParams(params).error, [params]);
  const [searchOpen, setSearchOpen] = useState(() => isSearching(filters.search));

  return (
    <section className="page">
      <div className="page-heading">
        <div>
          <h1>Sessions</h1>
          <p className="muted">
            {data ? `${data.total} ${filtered ? 'matching' : 'recorded'}` : error ? 'Sessions unavailable' : 'Reading sessions…'}
            {updatedAt ? ` · updated ${new Date(updatedAt).toLocaleTimeString()}` : ''}
          </p>
        </div>
        <button type="button" className="button" data-testid="refresh" onClick={refresh} aria-busy={loading}>
          Refresh
        </button>
      </div>

      <SessionFilterBar filters={filters} onChange={setFilters} />
      <div className="search-toggle-row">
        <button type="button" className="link-button" aria-expanded={searchOpen || isSearching(filters.search)} data-testid="search-toggle"
          onClick={() => setSearchOpen(!(searchOpen || isSearching(filters.search)))}>
          {searchOpen || isSearching(filters.search) ? 'Hide search by what happened' : 'Search by what happened: clicks, pages, errors, requests, events, users, devices'}
        </button>
      </div>
      {(searchOpen || isSearching(filters.search)) && (
        <SearchPanel search={filters.search} onSearch={(search) => setFilters({ ...filters, search, offset: 0 })} />
      )}
      {searchProblem && <div className="alert" role="alert" data-testid="search-link-problem">{searchProblem}</div>}

      {error && (
        <div className="alert" role="alert" data-testid="sessions-error">
          <strong>Could not load sessions.</strong> {error}
          {data ? ' Showing the last list that loaded.' : ''} Retrying every {SESSION_REFRESH_INTERVAL_MS / 1000} seconds.
        </div>
      )}

      {!data && !error && <div className="notice muted">Loading sessions…</div>}

      {data && data.total === 0 && !filtered && (
        <div className="notice empty" data-testid="sessions-empty">
          <h2>No sessions yet</h2>
          <p>
            Open <a href="/demo">/demo</a> in another tab and click around to record a first session. It shows up here within a few seconds.
          </p>
        </div>
      )}

      {data && data.total === 0 && filtered && (
        <div className="notice empty" data-testid="sessions-none-match">
          <h2>No sessions match</h2>
          <p>Loosen a filter or clear them to see every session.</p>
        </div>
      )}

      {data && data.total > 0 && data.sessions.length === 0 && (
        <div className="notice">
          <p>
            This page is past the last session.{' '}
            <button type="button" className="link-button" onClick={() => setFilters({ ...filters, offset: 0 })}>
              Go to the first page
            </button>
          </p>
        </div>
      )}

      {data && data.sessions.length > 0 && (
        <>
          <SessionTable sessions={data.sessions} sort={filters.sort} onSort={(sort) => setFilters({ ...filters, sort, offset: 0 })} />
          <Pagination
            // The page on screen may still be the previous one while the next loads.
            offset={data.offset}
            limit={SESSION_PAGE_SIZE}
            total={data.total}
            shown={data.sessions.length}
            onOffsetChange={(offset) => setFilters({ ...filters, offset })}
          />
        </>
      )}
    </section>
  );
}
