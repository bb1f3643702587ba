import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import type { SessionEvent } from '@gosight/shared';
import { DevtoolsSidebar } from '../devtools/DevtoolsSidebar.js';
import { InspectOverlay } from '../inspect/InspectOverlay.js';
import { toOffsetRanges } from '../player/inactivitySkip.js';
import { parseStartOffset } from '../share/shareLink.js';
import type { PlayerCommand } from '../shortcuts/keymap.js';
import { isError, isRageClick } from '../timeline/eventNavigation.js';
import { toMarkers } from '../timeline/markers.js';
import { Timeline } from '../timeline/Timeline.js';
import { PlayerControls } from './PlayerControls.js';
import { PlayerHeader } from './PlayerHeader.js';
import { DeleteSessionButton } from './DeleteSessionButton.js';
import type { PlayerPageProps } from './PlayerRoute.js';
import { INITIAL_VIEW, toggleInspect, type PanelId, type PlayerView } from './playerView.js';
import { ReplayStage } from './ReplayStage.js';
import { runPlayerCommand } from './runPlayerCommand.js';
import { ShareToast } from './ShareToast.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { stageOverlay } from './StageOverlay.js';
import { useCopyLink } from './useCopyLink.js';
import { useCurrentTime } from './useCurrentTime.js';
import { useFullscreen } from './useFullscreen.js';
import { useInspector } from './useInspector.js';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.js';
import { usePlayerController } from './usePlayerController.js';
import { usePlayerSnapshot } from './usePlayerSnapshot.js';
import { useSessionEvents } from './useSessionEvents.js';
import '../styles/player.css';
import '../styles/timeline.css';
import '../styles/devtools.css';

const NO_EVENTS: readonly SessionEvent[] = [];
/** Panels follow the playhead at this granularity: list updates cost more than a frame's worth. */
const PANEL_TICK_MS = 250;
const Sidebar = memo(DevtoolsSidebar);

/** `/sessions/:id[?t=ms]`: replays one session. Player logic lives in ReplayController; this wires the UI. */
export function PlayerPage({ prefetch }: PlayerPageProps) {
  const { id = '' } = useParams();
  const { search } = useLocation();
  const [startOffset] = useState(() => parseStartOffset(search));
  const rootRef = useRef<HTMLDivElement>(null);
  const layoutRef = useRef<HTMLDivElement>(null);
  const controller = usePlayerController(id, rootRef, startOffset, prefetch);
  const snapshot = usePlayerSnapshot(controller);
  const currentMs = useCurrentTime(controller, snapshot);
  // Quantised only while playing: paused on an event, the panels must show that very event.
  const panelMs = snapshot.state === 'playing' ? Math.floor(currentMs / PANEL_TICK_MS) * PANEL_TICK_MS : currentMs;
  const sessionEvents = useSessionEvents(id, snapshot.ready || snapshot.state === 'error');
  const events = sessionEvents.data?.events ?? NO_EVENTS;
  const [view, setView] = useState<PlayerView>(INITIAL_VIEW);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const inspector = useInspector(controller, panelMs);
  const { fullscreen, toggle: toggleFullscreen } = useFullscreen(layoutRef);
  const share = useCopyLink(id, controller);
  const { startedAt } = snapshot;

  const markers = useMemo(() => toMarkers(events, startedAt), [events, startedAt]);
  const inactiveRanges = useMemo(
    () => (sessionEvents.data && startedAt > 0 ? toOffsetRanges(sessionEvents.data.inactiveRanges, startedAt) : []),
    [sessionEvents.data, startedAt],
  );
  useEffect(() => controller?.setInactiveRanges(inactiveRanges), [controller, inactiveRanges]);
  // This component renders every frame while playing: counting thousands of events is memoised.
  const loaded = sessionEvents.data !== null;
  const errorCount = useMemo(() => (loaded ? events.filter(isError).length : null), [loaded, events]);
  const rageClickCount = useMemo(() => (loaded ? events.filter(isRageClick).length : null), [loaded, events]);

  const seek = useCallback((offsetMs: number) => controller?.seek(offsetMs).catch(() => undefined), [controller]);
  const select = useCallback((event: SessionEvent) => setSelectedId(event.id), []);
  const { pinNode } = inspector;
  const jump = useCallback(
    (event: SessionEvent) => {
      if (!controller) return;
      setSelectedId(event.id);
      const target = event.timestamp - startedAt;
      const landed = controller.seek(target, { keepPlaying: false });
      // A click's target is outlined once the seek has drawn its frame, unless another seek overtook it.
      landed
        .then(() => {
          if (controller.currentTime() === target) pinNode('nodeId' in event ? controller.nodeById(event.nodeId) : null);
        })
        .catch(() => undefined);
    },
    [controller, startedAt, pinNode],
  );
  const run = (command: PlayerCommand) => {
    if (!controller) return;
    runPlayerCommand(command, { controller, events, updateView: setView, toggleFullscreen, copyLink: share.copy, jumpTo: jump });
  };
  useKeyboardShortcuts(run);
  const onActivate = useCallback((panel: PanelId) => setView((current) => ({ ...current, panel })), []);
  const onToggleInspect = useCallback(() => setView(toggleInspect), []);
  const usable = snapshot.ready && snapshot.state !== 'error' && controller !== null;

  return (
    // data-events tells tests (and anyone inspecting) when the derived events have arrived.
    <section className="page page-player" data-events={sessionEvents.data ? 'loaded' : sessionEvents.error ? 'failed' : 'pending'}>
      <PlayerHeader sessionId={id} snapshot={snapshot} events={events} onShare={share.copy} shareCopied={share.copied}
        actions={<DeleteSessionButton sessionId={id} />} />
      {snapshot.error && snapshot.state !== 'error' && (
        <div className="alert" role="alert" data-testid="player-error">
          {snapshot.error}
        </div>
      )}
      <div className={`player-layout${fullscreen ? ' is-fullscreen' : ''}`} ref={layoutRef} data-testid="player-layout">
        <div className="player-card">
          <ReplayStage
            rootRef={rootRef}
            viewport={snapshot.viewport}
            frameOverlay={(fitted) => <InspectOverlay inspector={inspector} active={view.inspecting} scale={fitted.scale} />}
            overlay={stageOverlay(snapshot)}
          />
          {view.help && <ShortcutsHelp onClose={() => setView((current) => ({ ...current, help: false }))} />}
          {share.link && <ShareToast link={share.link} copied={share.copied} onClose={share.dismiss} />}
          {view.timeline && (
            <Timeline
              currentMs={currentMs}
              durationMs={snapshot.durationMs}
              markers={markers}
              inactiveRanges={inactiveRanges}
              chunks={snapshot.chunks}
              cachedChunks={snapshot.cachedChunks}
              disabled={!usable}
              onSeek={(offsetMs) => controller?.seek(offsetMs) ?? Promise.resolve()}
            />
          )}
          <PlayerControls
            snapshot={snapshot}
            currentMs={currentMs}
            usable={usable}
            view={view}
            fullscreen={fullscreen}
            errorCount={errorCount}
            rageClickCount={rageClickCount}
            run={run}
          />
        </div>
        {view.devtools && (
          <Sidebar
            active={view.panel}
            onActivate={onActivate}
            events={events}
            eventsLoaded={sessionEvents.data !== null}
            eventsError={sessionEvents.error}
            startedAt={startedAt}
            currentMs={panelMs}
            selectedId={selectedId}
            onSelect={select}
            onJump={jump}
            onSeek={seek}
            inspector={inspector}
            inspecting={view.inspecting}
            onToggleInspect={onToggleInspect}
          />
        )}
      </div>
    </section>
  );
}
