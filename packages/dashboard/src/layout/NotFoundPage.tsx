import { Link } from 'react-router-dom';

/** Shown for any path the dashboard does not know. */
export function NotFoundPage() {
  return (
    <section className="page">
      <div className="notice">
        <h1>Page not found</h1>
        <p>
          Nothing lives here. <Link to="/">Back to the sessions</Link>
        </p>
      </div>
    </section>
  );
}
