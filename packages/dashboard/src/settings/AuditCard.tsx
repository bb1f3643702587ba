import { formatDateTime } from '../format/formatDateTime.js';
import type { AuditEntry } from './projectApi.js';

/** The project's audit log, newest first: settings, keys, members and deletions. */
export function AuditCard({ entries }: { entries: AuditEntry[] }) {
  return (
    <section className="settings-card" data-testid="settings-audit">
      <h2>Audit log</h2>
      <table className="settings-table">
        <thead><tr><th>When</th><th>Who</th><th>What</th><th>Target</th></tr></thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.at}-${i}`} data-testid="audit-row" data-action={e.action}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}{e.detail ? ` (${e.detail})` : ''}</td>
              <td><code>{e.target}</code></td>
            </tr>
          ))}
          {entries.length === 0 && <tr><td colSpan={4} className="muted">Nothing yet.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}
