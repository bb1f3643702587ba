import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatTime } from '../format/formatTime.js';
import { createBrowserController } from '../player/createBrowserController.js';
import { installTestHooks } from '../player/installTestHooks.js';
import type { ReplayController } from '../player/ReplayController.js';
import { PlayerControls } from './PlayerControls.js';
import { ReplayStage } from './ReplayStage.js';
import { statusLabel } from './statusLabel.js';
import '../styles/player.css';
import { useCurrentTime } from './useCurrentTime.js';
import { usePlayerSnapshot } from './usePlayerSnapshot.js';

/** `/sessions/:id`: replays one session. All player logic lives in ReplayController. */
export function PlayerPage() {
  const { id = '' } = useParams();
  const rootRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<ReplayController | null>(null);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const created = createBrowserController(id, root);
    const removeHooks = installTestHooks(window, created);
    setController(created);
    void created.load();
    return () => {
      removeHooks();
      created.destroy();
    };
  }, [id]);

  const snapshot = usePlayerSnapshot(controller);
  const currentMs = useCurrentTime(controller, snapshot);
  const failedBeforeFirstFrame = snapshot.state === 'error';

  return (
    <section className="page page-player">
      <div className="page-heading">
        <div>
          <Link to="/" className="back-link">
            ← Sessions
          </Link>
          <h1>
            Session <code className="session-id">{id}</code>
          </h1>
          <p className="muted">
            {snapshot.startedAt > 0
              ? `${formatDateTime(snapshot.startedAt)} · ${formatTime(snapshot.durationMs)}`
              : failedBeforeFirstFrame
                ? 'Replay unavailable'
                : 'Reading the replay manifest…'}
          </p>
        </div>
        <div className="player-status">
          <span className={`status status-${snapshot.state}`} data-testid="player-state">
            {statusLabel(snapshot.state)}
          </span>
          {snapshot.totalChunks > 0 && (
            <span className="muted" data-testid="chunk-progress">
              {snapshot.loadedChunks}/{snapshot.totalChunks} chunks loaded
            </span>
          )}
        </div>
      </div>

      {snapshot.error && !failedBeforeFirstFrame && (
        <div className="alert" role="alert" data-testid="player-error">
          {snapshot.error}
        </div>
      )}

      <div className="player-card">
        <PlayerControls controller={controller} snapshot={snapshot} currentMs={currentMs} />
        <ReplayStage
          rootRef={rootRef}
          viewport={snapshot.viewport}
          overlay={
            failedBeforeFirstFrame ? (
              <div className="overlay-message" role="alert" data-testid="player-error">
                <strong>This replay could not be loaded.</strong>
                <span>{snapshot.error}</span>
              </div>
            ) : !snapshot.ready ? (
              <div className="overlay-message">
                <span className="spinner" aria-hidden="true" />
                Loading replay…
              </div>
            ) : null
          }
        />
      </div>
    </section>
  );
}
