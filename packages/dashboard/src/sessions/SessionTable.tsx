import type { SessionSort, SessionSummary } from '@gosight/shared';
import { Fragment } from 'react';
import { SessionMatches, SessionRow } from './SessionRow.js';

interface SessionTableProps {
  sessions: SessionSummary[];
  sort: SessionSort;
  onSort: (sort: SessionSort) => void;
}

/** Column headers that sort: a click picks the column's sort, a second click its reverse where there is one. */
const SORTABLE: Record<string, { first: SessionSort; second?: SessionSort }> = {
  Started: { first: 'newest', second: 'oldest' },
  Duration: { first: 'longest', second: 'shortest' },
  Clicks: { first: 'most_clicks' },
  Errors: { first: 'most_errors' },
};

function Header({ label, numeric, sort, onSort }: { label: string; numeric?: boolean; sort: SessionSort; onSort: (sort: SessionSort) => void }) {
  const sortable = SORTABLE[label];
  if (!sortable) return <th className={numeric ? 'num' : undefined}>{label}</th>;
  const active = sort === sortable.first || sort === sortable.second;
  const next = sort === sortable.first && sortable.second ? sortable.second : sortable.first;
  const arrow = !active ? '' : sort === 'oldest' || sort === 'shortest' ? ' ↑' : ' ↓';
  return (
    <th className={numeric ? 'num' : undefined} aria-sort={active ? (arrow === ' ↑' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className={`sort-header${active ? ' active' : ''}`} data-testid={`sort-${label.toLowerCase()}`} onClick={() => onSort(next)}>
        {label}
        {arrow}
      </button>
    </th>
  );
}

/** The session list table. */
export function SessionTable({ sessions, sort, onSort }: SessionTableProps) {
  return (
    <div className="table-card">
      <table className="session-table">
        <thead>
          <tr>
            <Header label="Started" sort={sort} onSort={onSort} />
            <Header label="Duration" numeric sort={sort} onSort={onSort} />
            <Header label="First URL" sort={sort} onSort={onSort} />
            <Header label="Pages" numeric sort={sort} onSort={onSort} />
            <Header label="Clicks" numeric sort={sort} onSort={onSort} />
            <Header label="Errors" numeric sort={sort} onSort={onSort} />
            <Header label="Rage clicks" numeric sort={sort} onSort={onSort} />
            <Header label="Browser" sort={sort} onSort={onSort} />
            <Header label="Viewport" numeric sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <Fragment key={session.sessionId}>
              <SessionRow session={session} />
              <SessionMatches session={session} columns={9} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
