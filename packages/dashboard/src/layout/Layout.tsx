import { Link, Outlet, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthGate.js';
import '../styles/auth.css';

/** Page frame: the header with the home link, the project switcher and the user, then the current route. */
export function Layout() {
  const { me, project, chooseProject, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          GoSight
        </Link>
        <nav className="app-nav">
          <Link to="/">Sessions</Link>
          <Link to="/maps" data-testid="nav-maps">Maps</Link>
          {project && <Link to="/settings" data-testid="nav-settings">Project settings</Link>}
          <a href="/demo">Demo page</a>
        </nav>
        <div className="header-end">
          {me.projects.length > 0 && (
            <label className="project-switcher">
              Project
              <select
                data-testid="project-switcher"
                value={project?.id ?? ''}
                onChange={(e) => {
                  chooseProject(e.target.value);
                  navigate('/');
                }}
              >
                {me.projects.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}{p.role === 'viewer' ? ' (viewer)' : ''}</option>
                ))}
              </select>
            </label>
          )}
          {me.user ? (
            <>
              <span className="user-chip" data-testid="user-email">{me.user.email}</span>
              <button type="button" className="button" data-testid="logout" onClick={() => void logout()}>Log out</button>
            </>
          ) : (
            <span className="user-chip" title="No account exists: anyone on this machine can read every replay. gosight users add creates one.">
              Open access (no accounts)
            </span>
          )}
        </div>
      </header>
      <main className="app-main">
        {me.projects.length === 0 ? (
          <div className="notice" data-testid="no-projects">
            <h2>No project yet</h2>
            <p>You are not a member of any project. Ask a project admin to add you.</p>
          </div>
        ) : <Outlet />}
      </main>
    </div>
  );
}
