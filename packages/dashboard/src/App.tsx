import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import type { SessionPrefetch } from './api/prefetchSession.js';
import type { ModuleLoader } from './app/moduleLoader.js';
import { Layout } from './layout/Layout.js';
import { NotFoundPage } from './layout/NotFoundPage.js';
import type { PlayerPageComponent } from './player-ui/PlayerRoute.js';
import { PlayerRoute } from './player-ui/PlayerRoute.js';
import { SessionListPage } from './sessions/SessionListPage.js';
import { AuthGate } from './auth/AuthGate.js';
import { ProjectSettingsPage } from './settings/ProjectSettingsPage.js';

/** The maps replay pages with rrweb: loaded when first opened, like the player. */
const MapsPage = lazy(() => import('./maps/MapsPage.js').then((m) => ({ default: m.MapsPage })));

interface AppProps {
  playerLoader: ModuleLoader<PlayerPageComponent>;
  /** Requests started at boot for the player URL the app was opened on. */
  prefetch: SessionPrefetch | null;
}

/** Routes, once logged in: `/` lists sessions, `/sessions/:id` replays one, `/maps` draws a page's click and scroll maps, `/settings` shows the project's settings. */
export function App({ playerLoader, prefetch }: AppProps) {
  return (
    <AuthGate>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<SessionListPage warmPlayer={playerLoader.load} />} />
          <Route path="sessions/:id" element={<PlayerRoute loader={playerLoader} prefetch={prefetch} />} />
          <Route path="settings" element={<ProjectSettingsPage />} />
          <Route path="maps" element={<Suspense fallback={<div className="notice muted">Loading maps…</div>}><MapsPage /></Suspense>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthGate>
  );
}
