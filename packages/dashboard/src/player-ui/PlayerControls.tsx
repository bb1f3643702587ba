import { formatTime } from '../format/formatTime.js';
import type { PlayerSnapshot, ReplayController } from '../player/ReplayController.js';
import { SeekBar } from './SeekBar.js';
import { SpeedButtons } from './SpeedButtons.js';

interface PlayerControlsProps {
  controller: ReplayController | null;
  snapshot: PlayerSnapshot;
  currentMs: number;
}

const PlayIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
    <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
  </svg>
);
const PauseIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
    <path d="M6 4h4v16H6zM14 4h4v16h-4z" fill="currentColor" />
  </svg>
);

/** Play/pause, seek bar, time read-out and speed buttons. */
export function PlayerControls({ controller, snapshot, currentMs }: PlayerControlsProps) {
  const usable = snapshot.ready && snapshot.state !== 'error' && controller !== null;
  const running = snapshot.state === 'playing' || snapshot.state === 'buffering';

  return (
    <div className="player-controls">
      <button
        type="button"
        className="play-toggle"
        data-testid="play-toggle"
        aria-label={running ? 'Pause' : 'Play'}
        disabled={!usable}
        onClick={() => controller?.togglePlay()}
      >
        {running ? <PauseIcon /> : <PlayIcon />}
      </button>
      <span className="time" data-testid="current-time">
        {formatTime(currentMs)}
      </span>
      <SeekBar
        currentMs={currentMs}
        durationMs={snapshot.durationMs}
        loadedUntilMs={snapshot.loadedUntilMs}
        disabled={!usable}
        onSeek={(offsetMs) => controller?.seek(offsetMs) ?? Promise.resolve()}
      />
      <span className="time" data-testid="duration">
        {formatTime(snapshot.durationMs)}
      </span>
      <SpeedButtons speed={snapshot.speed} disabled={!usable} onSpeed={(speed) => controller?.setSpeed(speed)} />
    </div>
  );
}
