import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
// Base styles first so page and component styles can refine them.
import './styles/base.css';
import { playerSessionId, prefetchSession } from './api/prefetchSession.js';
import { App } from './App.js';
import { createModuleLoader } from './app/moduleLoader.js';
import { parseStartOffset } from './share/shareLink.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element.');

// rrweb is most of the bundle, so the player is its own chunk. Opened on a player URL, the app
// fetches that chunk and the session's first data at once instead of one after the other.
const playerLoader = createModuleLoader(() => import('./player-ui/PlayerPage.js').then((module) => module.PlayerPage));
const sessionId = playerSessionId(window.location.pathname);
const prefetch = sessionId ? prefetchSession(sessionId, parseStartOffset(window.location.search) === null) : null;
if (sessionId) void playerLoader.load();

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <App playerLoader={playerLoader} prefetch={prefetch} />
    </BrowserRouter>
  </StrictMode>,
);
