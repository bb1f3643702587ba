import { Link, Outlet } from 'react-router-dom';

/** Page frame: the header with the home link, then the current route. */
export function Layout() {
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          GoSight
        </Link>
        <nav className="app-nav">
          <Link to="/">Sessions</Link>
          <a href="/demo">Demo page</a>
        </nav>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
