import { Link, useNavigate } from 'react-router-dom';
import type { MomentFilter, SessionSummary } from '@gosight/shared';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatTime } from '../format/formatTime.js';
import { summarizeUserAgent } from '../format/summarizeUserAgent.js';
import { urlPath } from '../format/urlPath.js';

/** One session in the list; the whole row opens the player. */
export function SessionRow({ session }: { session: SessionSummary }) {
  const navigate = useNavigate();
  const href = `/sessions/${encodeURIComponent(session.sessionId)}`;
  // The link in the first cell serves keyboard and middle-click users; a click anywhere else opens too.
  const open = () => navigate(href);
  return (
    <tr className="session-row" data-testid="session-row" data-session-id={session.sessionId} onClick={open}>
      <td>
        <Link to={href} onClick={(event) => event.stopPropagation()}>
          {formatDateTime(session.startedAt)}
        </Link>
      </td>
      <td className="num" data-testid="cell-duration">{formatTime(session.durationMs)}</td>
      <td className="url" title={session.firstUrl}>
        {urlPath(session.firstUrl) || '—'}
      </td>
      <td className="num" data-testid="cell-pages">{session.pageCount}</td>
      <td className="num" data-testid="cell-clicks">{session.clickCount}</td>
      <td className="num" data-testid="cell-errors">
        <span className={session.errorCount > 0 ? 'badge badge-error' : 'muted'}>{session.errorCount}</span>
      </td>
      <td className="num" data-testid="cell-rage" title={session.deadClickCount > 0 ? `${session.deadClickCount} dead clicks` : undefined}>
        <span className={session.rageClickCount > 0 ? 'badge badge-warn' : 'muted'}>{session.rageClickCount}</span>
      </td>
      <td title={session.userAgent}>{summarizeUserAgent(session.userAgent)}</td>
      <td className="num muted">
        {session.viewportWidth > 0 ? `${session.viewportWidth}×${session.viewportHeight}` : '—'}
      </td>
    </tr>
  );
}

const MATCH_NAMES: Record<MomentFilter, string> = {
  click: 'Clicked', visited: 'Visited', error: 'Error', warning: 'Warning', request: 'Request', event: 'Event',
  userId: 'Identified', trait: 'Identified', rageClick: 'Rage click', deadClick: 'Dead click',
};

/** Under a search result: why it matched, each reason opening the player at its moment. */
export function SessionMatches({ session, columns }: { session: SessionSummary; columns: number }) {
  if (!session.matches || session.matches.length === 0) return null;
  return (
    <tr className="session-matches" data-testid="session-matches" data-session-id={session.sessionId}>
      <td colSpan={columns}>
        {session.matches.map((m) => {
          const offset = Math.max(0, m.timestamp - session.startedAt);
          return (
            <Link key={`${m.filter}-${m.timestamp}`} className="match-chip" data-testid="session-match" data-filter={m.filter}
              to={`/sessions/${encodeURIComponent(session.sessionId)}?t=${offset}`} title={m.label}>
              <span className="match-kind">{MATCH_NAMES[m.filter]}</span> {m.label} <span className="muted">at {formatTime(offset)}</span>
            </Link>
          );
        })}
      </td>
    </tr>
  );
}
