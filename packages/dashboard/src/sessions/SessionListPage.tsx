import { useSearchParams } from 'react-router-dom';
import { SESSION_PAGE_SIZE, SESSION_REFRESH_INTERVAL_MS } from '../constants.js';
import { Pagination } from './Pagination.js';
import { SessionTable } from './SessionTable.js';
import { useSessionList } from './useSessionList.js';
import '../styles/sessions.css';

const readOffset = (value: string | null): number => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
};

/** `/`: recorded sessions, newest first, refreshed every few seconds. The page offset lives in `?offset=`. */
export function SessionListPage() {
  const [params, setParams] = useSearchParams();
  const offset = readOffset(params.get('offset'));
  const { data, error, loading, updatedAt, refresh } = useSessionList(offset);
  const setOffset = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});

  return (
    <section className="page">
      <div className="page-heading">
        <div>
          <h1>Sessions</h1>
          <p className="muted">
            {data ? `${data.total} recorded` : error ? 'Sessions unavailable' : 'Reading sessions…'}
            {updatedAt ? ` · updated ${new Date(updatedAt).toLocaleTimeString()}` : ''}
          </p>
        </div>
        <button type="button" className="button" data-testid="refresh" onClick={refresh} aria-busy={loading}>
          Refresh
        </button>
      </div>

      {error && (
        <div className="alert" role="alert" data-testid="sessions-error">
          <strong>Could not load sessions.</strong> {error}
          {data ? ' Showing the last list that loaded.' : ''} Retrying every{' '}
          {SESSION_REFRESH_INTERVAL_MS / 1000} seconds.
        </div>
      )}

      {!data && !error && <div className="notice muted">Loading sessions…</div>}

      {data && data.total === 0 && (
        <div className="notice empty" data-testid="sessions-empty">
          <h2>No sessions yet</h2>
          <p>
            Open <a href="/demo">/demo</a> in another tab and click around to record a first session. It shows up here
            within a few seconds.
          </p>
        </div>
      )}

      {data && data.total > 0 && data.sessions.length === 0 && (
        <div className="notice">
          <p>
            This page is past the last session.{' '}
            <button type="button" className="link-button" onClick={() => setOffset(0)}>
              Go to the first page
            </button>
          </p>
        </div>
      )}

      {data && data.sessions.length > 0 && (
        <>
          <SessionTable sessions={data.sessions} />
          <Pagination
            // The page on screen may still be the previous one while the next loads.
            offset={data.offset}
            limit={SESSION_PAGE_SIZE}
            total={data.total}
            shown={data.sessions.length}
            onOffsetChange={setOffset}
          />
        </>
      )}
    </section>
  );
}
