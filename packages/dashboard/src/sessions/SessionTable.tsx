import type { SessionSummary } from '@gosight/shared';
import { SessionRow } from './SessionRow.js';

/** The session list table. */
export function SessionTable({ sessions }: { sessions: SessionSummary[] }) {
  return (
    <div className="table-card">
      <table className="session-table">
        <thead>
          <tr>
            <th>Started</th>
            <th className="num">Duration</th>
            <th>First URL</th>
            <th className="num">Pages</th>
            <th className="num">Clicks</th>
            <th className="num">Errors</th>
            <th>Browser</th>
            <th className="num">Viewport</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <SessionRow key={session.sessionId} session={session} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
