import { formatTime } from '../format/formatTime.js';
import type { PlayerSnapshot } from '../player/playerSnapshot.js';
import type { PlayerCommand } from '../shortcuts/keymap.js';
import { SEEK_STEP_MS } from '../shortcuts/keymap.js';
import {
  BackIcon,
  CollapseIcon,
  DevtoolsIcon,
  ErrorIcon,
  ExpandIcon,
  ForwardIcon,
  InspectIcon,
  KeyboardIcon,
  PauseIcon,
  PlayIcon,
  RageIcon,
  SkipIcon,
  TimelineIcon,
} from '../ui/icons.js';
import { IconButton } from './IconButton.js';
import type { PlayerView } from './playerView.js';
import { SpeedButtons } from './SpeedButtons.js';

interface PlayerControlsProps {
  snapshot: PlayerSnapshot;
  currentMs: number;
  usable: boolean;
  view: PlayerView;
  fullscreen: boolean;
  /** Counts for the navigation buttons' badges; null until the events are loaded. */
  errorCount: number | null;
  rageClickCount: number | null;
  run: (command: PlayerCommand) => void;
}

/** The control bar (spec §5.2): playback, speed, skipping, navigation, then view toggles. */
export function PlayerControls({ snapshot, currentMs, usable, view, fullscreen, errorCount, rageClickCount, run }: PlayerControlsProps) {
  const running = snapshot.state === 'playing' || snapshot.state === 'buffering';
  const step = `${SEEK_STEP_MS / 1000} s`;
  return (
    <div className="player-controls" role="toolbar" aria-label="Player controls">
      <div className="controls-group">
        <button
          type="button"
          className="play-toggle"
          data-testid="play-toggle"
          aria-label={running ? 'Pause' : 'Play'}
          title={running ? 'Pause (Space)' : 'Play (Space)'}
          disabled={!usable}
          onClick={() => run({ type: 'togglePlay' })}
        >
          {running ? <PauseIcon /> : <PlayIcon />}
        </button>
        <IconButton label={`Back ${step}`} shortcut="←" testId="seek-back" disabled={!usable} onClick={() => run({ type: 'seekBy', deltaMs: -SEEK_STEP_MS })}>
          <BackIcon />
        </IconButton>
        <IconButton label={`Forward ${step}`} shortcut="→" testId="seek-forward" disabled={!usable} onClick={() => run({ type: 'seekBy', deltaMs: SEEK_STEP_MS })}>
          <ForwardIcon />
        </IconButton>
        <span className="time-readout" data-testid="time-readout">
          <span data-testid="current-time">{formatTime(currentMs)}</span>
          <span className="time-separator">/</span>
          <span data-testid="duration">{formatTime(snapshot.durationMs)}</span>
        </span>
      </div>

      <div className="controls-group">
        <SpeedButtons speed={snapshot.speed} disabled={!usable} onSpeed={(speed) => run({ type: 'setSpeed', speed })} />
        <button
          type="button"
          className={`toggle-chip${snapshot.skipInactive ? ' on' : ''}${snapshot.skipping ? ' busy' : ''}`}
          data-testid="skip-inactive"
          aria-label="Skip inactivity"
          aria-pressed={snapshot.skipInactive}
          title="Skip inactivity (S)"
          disabled={!usable}
          onClick={() => run({ type: 'toggleSkipInactive' })}
        >
          <SkipIcon size={15} />
          <span className="chip-label">{snapshot.skipping ? 'Skipping…' : 'Skip inactive'}</span>
        </button>
      </div>

      <div className="controls-group">
        <button
          type="button"
          className="nav-chip nav-error"
          data-testid="next-error"
          aria-label="Next error"
          title="Jump to the next error (E)"
          disabled={!usable || !errorCount}
          onClick={() => run({ type: 'nextError' })}
        >
          <ErrorIcon size={15} />
          <span className="chip-label">Next error</span>
          {errorCount !== null && <span className="chip-count">{errorCount}</span>}
        </button>
        <button
          type="button"
          className="nav-chip nav-rage"
          data-testid="next-rage-click"
          aria-label="Next rage click"
          title="Jump to the next rage click (R)"
          disabled={!usable || !rageClickCount}
          onClick={() => run({ type: 'nextRageClick' })}
        >
          <RageIcon size={15} />
          <span className="chip-label">Next rage click</span>
          {rageClickCount !== null && <span className="chip-count">{rageClickCount}</span>}
        </button>
      </div>

      <div className="controls-group controls-end">
        <IconButton label="Inspect elements" shortcut="I" testId="toggle-inspect" active={view.inspecting} disabled={!usable} onClick={() => run({ type: 'toggleInspect' })}>
          <InspectIcon />
        </IconButton>
        <IconButton label={view.timeline ? 'Hide timeline' : 'Show timeline'} shortcut="T" testId="toggle-timeline" active={view.timeline} onClick={() => run({ type: 'toggleTimeline' })}>
          <TimelineIcon />
        </IconButton>
        <IconButton label={view.devtools ? 'Hide devtools' : 'Show devtools'} shortcut="D" testId="toggle-devtools" active={view.devtools} onClick={() => run({ type: 'toggleDevtools' })}>
          <DevtoolsIcon />
        </IconButton>
        <IconButton label="Keyboard shortcuts" shortcut="?" testId="toggle-help" active={view.help} onClick={() => run({ type: 'toggleHelp' })}>
          <KeyboardIcon />
        </IconButton>
        <IconButton label={fullscreen ? 'Exit fullscreen' : 'Fullscreen'} shortcut="F" testId="toggle-fullscreen" active={fullscreen} onClick={() => run({ type: 'toggleFullscreen' })}>
          {fullscreen ? <CollapseIcon /> : <ExpandIcon />}
        </IconButton>
      </div>
    </div>
  );
}
