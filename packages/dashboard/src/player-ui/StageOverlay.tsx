import type { ReactNode } from 'react';
import type { PlayerSnapshot } from '../player/playerSnapshot.js';

/**
 * What covers the stage: loading, a failure, or a buffering spinner; null while the replay
 * shows (a function, not a component, so "nothing" really removes the overlay layer).
 */
export function stageOverlay(snapshot: PlayerSnapshot): ReactNode {
  if (snapshot.state === 'error') {
    return (
      <div className="overlay-message" role="alert" data-testid="player-error">
        <strong>This replay could not be loaded.</strong>
        <span>{snapshot.error}</span>
      </div>
    );
  }
  if (!snapshot.ready) {
    return (
      <div className="overlay-message">
        <span className="spinner" aria-hidden="true" />
        Loading replay…
      </div>
    );
  }
  if (snapshot.state === 'buffering') {
    return (
      <div className="overlay-message overlay-soft" data-testid="buffering">
        <span className="spinner" aria-hidden="true" />
      </div>
    );
  }
  return null;
}
