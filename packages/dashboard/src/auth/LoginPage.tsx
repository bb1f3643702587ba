import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.js';
import { sendJson } from '../api/sendJson.js';
import '../styles/auth.css';

/** The login form: e-mail and password; the server answers with an HttpOnly cookie. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', '/api/auth/login', { email, password });
      onLoggedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong e-mail or password.'
        : err instanceof ApiError && err.status === 429 ? `Too many attempts. ${err.message}`
          : err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          GoSight
        </div>
        <h1>Log in</h1>
        <label className="form-field">
          <span>E-mail</span>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
        </label>
        <label className="form-field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {error && <div className="alert" role="alert" data-testid="login-error">{error}</div>}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="login-submit">
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted small">No account? A server admin adds one with <code>gosight users add</code>.</p>
      </form>
    </main>
  );
}
