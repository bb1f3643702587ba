import type { SessionEvent } from '@gosight/shared';
import type { ReplayController } from '../player/ReplayController.js';
import type { PlayerCommand } from '../shortcuts/keymap.js';
import { stepSpeed } from '../shortcuts/keymap.js';
import { isError, isRageClick, nextEvent } from '../timeline/eventNavigation.js';
import { showPanel, toggleInspect, type PlayerView } from './playerView.js';

/** What a command can touch. */
export interface CommandTarget {
  controller: ReplayController;
  /** Derived events in time order (empty until loaded). */
  events: readonly SessionEvent[];
  updateView: (change: (view: PlayerView) => PlayerView) => void;
  toggleFullscreen: () => void;
  copyLink: () => void;
  /** Selects the event in its devtools list (the console entry of an error) and pauses on it. */
  jumpTo: (event: SessionEvent) => void;
}

/**
 * Carries out one player command, from a button or a shortcut alike. Navigation commands
 * land exactly on the event (pausing there), so its marker, its console entry and the frame
 * all agree.
 */
export function runPlayerCommand(command: PlayerCommand, target: CommandTarget): void {
  const { controller, updateView } = target;
  const snapshot = controller.getSnapshot();
  const jumpTo = (predicate: (event: SessionEvent) => boolean, panel: 'console' | 'events') => {
    const found = nextEvent(target.events, snapshot.startedAt, controller.currentTime(), predicate);
    if (!found) return;
    updateView((view) => (view.devtools ? showPanel(view, panel) : view));
    target.jumpTo(found);
  };
  switch (command.type) {
    case 'togglePlay':
      return controller.togglePlay();
    case 'seekBy':
      controller.seekBy(command.deltaMs).catch(() => undefined);
      return;
    case 'setSpeed':
      return controller.setSpeed(command.speed);
    case 'stepSpeed':
      return controller.setSpeed(stepSpeed(snapshot.speed, command.direction));
    case 'toggleSkipInactive':
      return controller.setSkipInactive(!snapshot.skipInactive);
    case 'nextError':
      return jumpTo(isError, 'console');
    case 'nextRageClick':
      return jumpTo(isRageClick, 'events');
    case 'toggleFullscreen':
      return target.toggleFullscreen();
    case 'toggleDevtools':
      return updateView((view) => ({ ...view, devtools: !view.devtools, inspecting: view.devtools ? false : view.inspecting }));
    case 'toggleTimeline':
      return updateView((view) => ({ ...view, timeline: !view.timeline }));
    case 'toggleInspect':
      return updateView(toggleInspect);
    case 'toggleHelp':
      return updateView((view) => ({ ...view, help: !view.help }));
    case 'copyLink':
      return target.copyLink();
  }
}
