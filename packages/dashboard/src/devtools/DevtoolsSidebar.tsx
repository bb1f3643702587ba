import { useMemo } from 'react';
import type { PanelId } from '../player-ui/playerView.js';
import type { DevtoolsPanelProps } from './DevtoolsPanel.js';
import { DEVTOOLS_PANELS } from './panels.js';

interface DevtoolsSidebarProps extends DevtoolsPanelProps {
  active: PanelId;
  onActivate: (panel: PanelId) => void;
}

/** The devtools beside the replay: one tab per registered panel, the active one below. */
export function DevtoolsSidebar({ active, onActivate, ...panelProps }: DevtoolsSidebarProps) {
  const { events } = panelProps;
  const badges = useMemo(() => new Map(DEVTOOLS_PANELS.map((panel) => [panel.id, panel.badge(events)])), [events]);
  const current = DEVTOOLS_PANELS.find((panel) => panel.id === active) ?? DEVTOOLS_PANELS[0];
  const Panel = current.Component;
  return (
    <aside className="devtools" data-testid="devtools" aria-label="Devtools">
      <div className="devtools-tabs" role="tablist">
        {DEVTOOLS_PANELS.map((panel) => {
          const badge = badges.get(panel.id);
          return (
            <button
              key={panel.id}
              type="button"
              role="tab"
              className={`devtools-tab${panel.id === current.id ? ' active' : ''}`}
              data-testid={`tab-${panel.id}`}
              aria-selected={panel.id === current.id}
              onClick={() => onActivate(panel.id)}
            >
              {panel.title}
              {badge && badge.count > 0 && <span className={`tab-badge${badge.alert ? ' alert' : ''}`}>{badge.count}</span>}
            </button>
          );
        })}
      </div>
      <div className="devtools-body" role="tabpanel">
        {/* Panels mount once there is something to show: the first frame should not wait on them. */}
        {panelProps.eventsLoaded || panelProps.eventsError || current.id === 'inspect' ? (
          <Panel {...panelProps} />
        ) : (
          <div className="panel-empty" data-testid="devtools-loading">
            Loading events…
          </div>
        )}
      </div>
    </aside>
  );
}
