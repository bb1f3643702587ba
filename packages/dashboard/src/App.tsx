import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './layout/Layout.js';
import { NotFoundPage } from './layout/NotFoundPage.js';
import { SessionListPage } from './sessions/SessionListPage.js';

// rrweb is most of the bundle; the session list should not wait for it.
const PlayerPage = lazy(() => import('./player-ui/PlayerPage.js').then((module) => ({ default: module.PlayerPage })));

/** Routes: `/` lists sessions, `/sessions/:id` replays one. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<SessionListPage />} />
        <Route
          path="sessions/:id"
          element={
            <Suspense fallback={<div className="notice muted">Loading the player…</div>}>
              <PlayerPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
