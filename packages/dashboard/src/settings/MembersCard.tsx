import { useState } from 'react';
import type { ProjectRole } from '../auth/me.js';
import { projectApi, type Member } from './projectApi.js';
import { ActionStatus } from './ActionStatus.js';
import { useAction } from './useAction.js';

/** Who may open the project: viewers read replays; admins also change settings and delete sessions. */
export function MembersCard({ projectId, members, onChanged }: { projectId: string; members: Member[]; onChanged: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ProjectRole>('viewer');
  const { busy, error, done, run } = useAction(onChanged);
  return (
    <section className="settings-card" data-testid="settings-members">
      <h2>Members</h2>
      <p className="muted small">Server admins see every project without being members. A server admin adds users with <code>gosight users add</code>.</p>
      <table className="settings-table">
        <thead><tr><th>User</th><th>Role</th><th /></tr></thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-testid="member-row" data-email={m.email}>
              <td>{m.email}</td>
              <td>
                <select value={m.role} disabled={busy} aria-label={`Role of ${m.email}`}
                  onChange={(e) => void run(() => projectApi.setMember(projectId, m.email, e.target.value as ProjectRole))}>
                  <option value="viewer">viewer</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>
                <button type="button" className="button button-danger" disabled={busy}
                  onClick={() => void run(() => projectApi.removeMember(projectId, m.userId), `${m.email} removed.`)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {members.length === 0 && <tr><td colSpan={3} className="muted">No members yet.</td></tr>}
        </tbody>
      </table>
      <form className="settings-row" onSubmit={(e) => { e.preventDefault(); void run(() => projectApi.setMember(projectId, email, role), `${email} added.`); }}>
        <label className="form-field">
          <span>E-mail</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="member-email" />
        </label>
        <label className="form-field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as ProjectRole)} data-testid="member-role">
            <option value="viewer">viewer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" className="button" disabled={busy} data-testid="member-add">Add member</button>
        <ActionStatus error={error} done={done} />
      </form>
    </section>
  );
}
