import { useMemo, useState } from 'react';
import type { SessionEvent, SessionEventKind } from '@gosight/shared';
import { formatTime } from '../format/formatTime.js';
import { countUpTo } from '../timeline/eventNavigation.js';
import { KIND_LABELS } from '../timeline/kindLabels.js';
import { MARKER_KINDS } from '../timeline/markers.js';
import type { DevtoolsPanel, DevtoolsPanelProps } from './DevtoolsPanel.js';
import { PanelStatus } from './PanelStatus.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT_PX = 34;
type KindFilter = 'all' | SessionEventKind;

/** The timeline's events as a list: page views, clicks, rage and dead clicks, errors, custom events. */
function EventsPanelView({ events, eventsLoaded, eventsError, startedAt, currentMs, selectedId, onJump }: DevtoolsPanelProps) {
  const [kind, setKind] = useState<KindFilter>('all');
  const timelineEvents = useMemo(() => events.filter((event) => MARKER_KINDS.includes(event.kind)), [events]);
  const times = useMemo(() => timelineEvents.map((event) => event.timestamp), [timelineEvents]);
  const visibleCount = countUpTo(times, startedAt + currentMs);
  const kinds = useMemo(() => MARKER_KINDS.filter((candidate) => timelineEvents.some((event) => event.kind === candidate)), [timelineEvents]);
  // The whole session is listed (it is the table of contents); what is still ahead is dimmed.
  const rows = useMemo(() => timelineEvents.filter((event) => kind === 'all' || event.kind === kind), [timelineEvents, kind]);
  const now = startedAt + currentMs;

  return (
    <div className="panel" data-testid="events-panel">
      <div className="panel-toolbar">
        <div className="filter-chips">
          {(['all', ...kinds] as KindFilter[]).map((option) => (
            <button
              key={option}
              type="button"
              className={`filter-chip${kind === option ? ' active' : ''}`}
              data-testid={`events-filter-${option}`}
              aria-pressed={kind === option}
              onClick={() => setKind(option)}
            >
              {option === 'all' ? 'All' : KIND_LABELS[option]}
            </button>
          ))}
        </div>
      </div>
      <PanelStatus loaded={eventsLoaded} error={eventsError} total={timelineEvents.length} shown={visibleCount} noun="events" />
      <VirtualList
        items={rows}
        rowHeightPx={ROW_HEIGHT_PX}
        itemKey={(event) => event.id}
        testId="events-list"
        empty="No events were recorded in this session."
        renderRow={(event) => (
          <EventRow
            event={event}
            offsetMs={event.timestamp - startedAt}
            past={event.timestamp <= now}
            selected={event.id === selectedId}
            onClick={() => onJump(event)}
          />
        )}
      />
    </div>
  );
}

function EventRow({ event, offsetMs, past, selected, onClick }: { event: SessionEvent; offsetMs: number; past: boolean; selected: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className={`event-row severity-${event.severity}${past ? '' : ' ahead'}${selected ? ' selected' : ''}`}
      data-testid="event-row"
      data-kind={event.kind}
      data-offset={offsetMs}
      title={event.label}
      onClick={onClick}
    >
      <span className={`event-icon kind-${event.kind}`} aria-hidden="true" />
      <span className="event-kind">{KIND_LABELS[event.kind]}</span>
      <span className="event-label">{event.label}</span>
      <span className="log-time">{formatTime(offsetMs)}</span>
    </button>
  );
}

export const eventsPanel: DevtoolsPanel = {
  id: 'events',
  title: 'Events',
  badge: (events) => {
    const count = events.filter((event) => MARKER_KINDS.includes(event.kind)).length;
    return { count, alert: false };
  },
  Component: EventsPanelView,
};
