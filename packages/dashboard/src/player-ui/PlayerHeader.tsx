import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SessionEvent } from '@gosight/shared';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatTime } from '../format/formatTime.js';
import { urlPath } from '../format/urlPath.js';
import type { PlayerSnapshot } from '../player/playerSnapshot.js';
import { LinkIcon } from '../ui/icons.js';
import { statusLabel } from './statusLabel.js';

interface PlayerHeaderProps {
  sessionId: string;
  snapshot: PlayerSnapshot;
  events: readonly SessionEvent[];
  /** Copies a link to the current moment. */
  onShare: () => void;
  shareCopied: boolean;
  /** More buttons after the share button (deleting, for admins). */
  actions?: ReactNode;
}

/** Back link, what the session is (when, how long, where) and the player's state. */
export function PlayerHeader({ sessionId, snapshot, events, onShare, shareCopied, actions }: PlayerHeaderProps) {
  const pages = events.filter((event) => event.kind === 'page_view');
  const firstPage = pages[0];
  const failed = snapshot.state === 'error';
  return (
    <div className="player-heading">
      <div className="player-title">
        <Link to="/" className="back-link" aria-label="Back to sessions">
          ← Sessions
        </Link>
        <h1>
          Session <code className="session-id" title={sessionId}>{sessionId.slice(0, 8)}</code>
        </h1>
        <p className="muted player-meta">
          {snapshot.startedAt > 0 ? (
            <>
              <span>{formatDateTime(snapshot.startedAt)}</span>
              <span>{formatTime(snapshot.durationMs)}</span>
              {pages.length > 0 && <span>{pages.length === 1 ? '1 page' : `${pages.length} pages`}</span>}
              {firstPage?.kind === 'page_view' && <span className="meta-url" title={firstPage.url}>{urlPath(firstPage.url)}</span>}
            </>
          ) : failed ? (
            'Replay unavailable'
          ) : (
            'Reading the replay manifest…'
          )}
        </p>
      </div>
      <div className="player-status">
        <span className={`status status-${snapshot.state}`} data-testid="player-state">
          {statusLabel(snapshot.state)}
        </span>
        {snapshot.totalChunks > 0 && (
          <span className="muted chunk-progress" data-testid="chunk-progress" title="Chunks held in memory: the player loads on demand">
            {snapshot.loadedChunks} of {snapshot.totalChunks} chunks in memory
          </span>
        )}
        <button
          type="button"
          className={`button share-button${shareCopied ? ' copied' : ''}`}
          data-testid="copy-link"
          aria-pressed={shareCopied}
          title="Copy a link that opens the replay at this moment (L)"
          disabled={!snapshot.ready}
          onClick={onShare}
        >
          <LinkIcon size={15} />
          {shareCopied ? 'Link copied' : 'Copy link at current time'}
        </button>
        {actions}
      </div>
    </div>
  );
}
