import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/ApiError.js';
import { currentProject, setCurrentProject } from '../api/currentProject.js';
import { sendJson } from '../api/sendJson.js';
import { LoginPage } from './LoginPage.js';
import { fetchMe, UNAUTHENTICATED_EVENT, type Me, type ProjectAccess } from './me.js';

export interface Auth {
  me: Me;
  /** The project shown; undefined when the user is a member of none. */
  project: ProjectAccess | undefined;
  chooseProject(id: string): void;
  logout(): Promise<void>;
  /** Re-reads `/api/auth/me` (after project changes). */
  reload(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthGate>');
  return auth;
}

type GateState = { status: 'loading' } | { status: 'login' } | { status: 'error'; message: string } | { status: 'ready'; me: Me };

/**
 * Asks the server who we are before anything else renders: the login page when it says
 * nobody, the app otherwise, with the chosen project (kept per browser) among the user's.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ status: 'loading' });
  const [projectId, setProjectId] = useState(currentProject());

  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', me: await fetchMe() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'login' });
      else setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void reload();
    const onUnauthenticated = () => setState({ status: 'login' });
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [reload]);

  const me = state.status === 'ready' ? state.me : null;
  const project = me ? me.projects.find((p) => p.id === projectId) ?? me.projects[0] : undefined;
  // Keep the requests' project in step with the one shown (a stale or foreign choice falls back to the first).
  if (me && project?.id !== currentProject()) setCurrentProject(project?.id);

  const chooseProject = useCallback((id: string) => {
    setCurrentProject(id);
    setProjectId(id);
  }, []);
  const logout = useCallback(async () => {
    await sendJson('POST', '/api/auth/logout', {}).catch(() => undefined);
    // A fresh page: nothing of the last user's data stays in memory.
    window.location.assign('/');
  }, []);
  const auth = useMemo(() => (me ? { me, project, chooseProject, logout, reload } : null), [me, project, chooseProject, logout, reload]);

  if (state.status === 'loading') return <div className="notice muted gate-notice">Loading…</div>;
  // Requests started at boot failed without a login: a reload after logging in starts them again.
  if (state.status === 'login') return <LoginPage onLoggedIn={() => window.location.reload()} />;
  if (state.status === 'error' || !auth) {
    return (
      <div className="alert gate-notice" role="alert">
        <strong>GoSight is unavailable.</strong> {state.status === 'error' ? state.message : ''}{' '}
        <button type="button" className="link-button" onClick={() => void reload()}>Try again</button>
      </div>
    );
  }
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
