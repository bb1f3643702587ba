import { useState } from 'react';
import { projectApi } from './projectApi.js';
import { ActionStatus } from './ActionStatus.js';
import { useAction } from './useAction.js';

/** A visitor asked to be forgotten: every session recorded with their user id, from every store. */
export function DeleteUserCard({ projectId, onDeleted }: { projectId: string; onDeleted: () => void }) {
  const [userId, setUserId] = useState('');
  const { busy, error, done, run } = useAction(onDeleted);
  const remove = () => run(() => projectApi.deleteUserSessions(projectId, userId.trim()),
    ({ deleted }) => `Deleted ${deleted} session${deleted === 1 ? '' : 's'} of "${userId.trim()}", from every store.`);
  return (
    <section className="settings-card" data-testid="settings-delete-user">
      <h2>Delete a visitor's recordings</h2>
      <p className="muted small">
        Every session recorded with this user id (as passed to <code>GoSight.identify</code>) is deleted from the store,
        cold storage and captured assets. It cannot be undone and is written to the audit log.
      </p>
      <form className="settings-row" onSubmit={(e) => {
        e.preventDefault();
        if (window.confirm(`Delete every session of user "${userId.trim()}" for good?`)) void remove();
      }}>
        <label className="form-field">
          <span>User id</span>
          <input required value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="delete-user-id" />
        </label>
        <button type="submit" className="button button-danger" disabled={busy || userId.trim() === ''} data-testid="delete-user-submit">
          Delete their sessions
        </button>
        <ActionStatus error={error} done={done} />
      </form>
    </section>
  );
}
