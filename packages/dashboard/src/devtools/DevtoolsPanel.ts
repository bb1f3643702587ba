import type { ComponentType } from 'react';
import type { SessionEvent } from '@gosight/shared';
import type { Inspector } from '../player-ui/useInspector.js';
import type { PanelId } from '../player-ui/playerView.js';

/** What every devtools panel is fed: the events response and the playhead. */
export interface DevtoolsPanelProps {
  /** Derived events in time order; empty while loading. */
  events: readonly SessionEvent[];
  eventsLoaded: boolean;
  eventsError: string | null;
  /** Session start (epoch ms): offset 0. */
  startedAt: number;
  /** Playback offset now; panels show what happened up to it. */
  currentMs: number;
  /** The event chosen in a list or by "next error", if any. */
  selectedId: string | null;
  /** Chooses an event without moving the playhead (a network request to read). */
  onSelect: (event: SessionEvent) => void;
  /** Chooses an event and moves the playhead onto it (outlining a click's target). */
  onJump: (event: SessionEvent) => void;
  onSeek: (offsetMs: number) => void;
  inspector: Inspector;
  inspecting: boolean;
  onToggleInspect: () => void;
}

/** A count next to a tab's title; `alert` draws it red (errors, failed requests). */
export interface PanelBadge {
  count: number;
  alert: boolean;
}

/**
 * A devtools panel as a player plugin: the sidebar knows nothing about consoles or networks,
 * it renders whatever panels are registered (see `panels.ts`).
 */
export interface DevtoolsPanel {
  id: PanelId;
  title: string;
  /** Badge from all the session's events (not only those before the playhead). */
  badge: (events: readonly SessionEvent[]) => PanelBadge | null;
  Component: ComponentType<DevtoolsPanelProps>;
}
