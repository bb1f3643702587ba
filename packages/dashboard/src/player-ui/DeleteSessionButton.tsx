import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { sessionsPath } from '@gosight/shared';
import { currentProject } from '../api/currentProject.js';
import { sendJson } from '../api/sendJson.js';
import { useAuth } from '../auth/AuthGate.js';

/** Project admins: deletes this session from every store (asked first), then returns to the list. */
export function DeleteSessionButton({ sessionId }: { sessionId: string }) {
  const { project } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (project?.role !== 'admin') return null;
  const remove = async () => {
    if (!window.confirm('Delete this session for good, from every store? It is written to the audit log.')) return;
    setBusy(true);
    try {
      await sendJson('DELETE', `${sessionsPath(currentProject())}/${encodeURIComponent(sessionId)}`);
      navigate('/');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-danger" data-testid="delete-session" disabled={busy} onClick={() => void remove()}>
        {busy ? 'Deleting…' : 'Delete session'}
      </button>
      {error && <span className="alert" role="alert">{error}</span>}
    </>
  );
}
