import { useEffect, useState, type ComponentType } from 'react';
import { useParams } from 'react-router-dom';
import type { SessionPrefetch } from '../api/prefetchSession.js';
import { currentProject } from '../api/currentProject.js';
import type { ModuleLoader } from '../app/moduleLoader.js';

/** The player page's props: requests already started for its session, if any. */
export interface PlayerPageProps {
  prefetch: SessionPrefetch | null;
}

export type PlayerPageComponent = ComponentType<PlayerPageProps>;

/**
 * `/sessions/:id`: renders the code-split player as soon as it is loaded, without Suspense
 * (see moduleLoader.ts for why). A prefetch only applies to the session it was made for, in
 * the project shown (a login may have changed the project chosen at boot).
 */
export function PlayerRoute({ loader, prefetch }: { loader: ModuleLoader<PlayerPageComponent>; prefetch: SessionPrefetch | null }) {
  const { id = '' } = useParams();
  const [Player, setPlayer] = useState<PlayerPageComponent | null>(() => loader.loaded());
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (Player) return;
    loader.load().then(
      (loaded) => setPlayer(() => loaded),
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
  }, [Player, loader]);
  if (failed) return <div className="alert" role="alert">The player could not be loaded: {failed}</div>;
  if (!Player) return <div className="notice muted">Loading the player…</div>;
  return <Player prefetch={prefetch?.sessionId === id && prefetch.project === currentProject() ? prefetch : null} />;
}
