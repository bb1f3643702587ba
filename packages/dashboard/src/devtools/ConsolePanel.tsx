import { useMemo, useState } from 'react';
import type { ConsoleEvent } from '@gosight/shared';
import { formatTime } from '../format/formatTime.js';
import { countUpTo } from '../timeline/eventNavigation.js';
import { consoleEntries, countByFilter, CONSOLE_FILTERS, filterConsole, filterOf, type ConsoleFilter } from './consoleEntries.js';
import type { DevtoolsPanel, DevtoolsPanelProps } from './DevtoolsPanel.js';
import { PanelStatus } from './PanelStatus.js';
import { VirtualList } from './VirtualList.js';

const FILTER_LABELS: Record<ConsoleFilter, string> = { all: 'All', error: 'Errors', warn: 'Warnings', info: 'Info', log: 'Log', debug: 'Debug' };
const ROW_HEIGHT_PX = 30;
const ALWAYS_SHOWN: ReadonlySet<ConsoleFilter> = new Set(['all', 'error', 'warn']);

/** Console entries up to the playhead (spec §7.1), filterable by level; a click seeks to the entry. */
function ConsolePanelView({ events, eventsLoaded, eventsError, startedAt, currentMs, selectedId, onJump }: DevtoolsPanelProps) {
  const [filter, setFilter] = useState<ConsoleFilter>('all');
  const [search, setSearch] = useState('');
  const entries = useMemo(() => consoleEntries(events), [events]);
  const times = useMemo(() => entries.map((entry) => entry.timestamp), [entries]);
  const visibleCount = countUpTo(times, startedAt + currentMs);
  const shown = useMemo(() => entries.slice(0, visibleCount), [entries, visibleCount]);
  const counts = useMemo(() => countByFilter(shown), [shown]);
  // Levels the session never logged are left out (errors and warnings always show: "0" is news too).
  const sessionCounts = useMemo(() => countByFilter(entries), [entries]);
  const filters = CONSOLE_FILTERS.filter((option) => ALWAYS_SHOWN.has(option) || sessionCounts[option] > 0 || option === filter);
  const rows = useMemo(() => filterConsole(shown, filter, search), [shown, filter, search]);
  const selected = shown.find((entry) => entry.id === selectedId) ?? null;

  return (
    <div className="panel" data-testid="console-panel">
      <div className="panel-toolbar">
        <div className="filter-chips" role="group" aria-label="Console level">
          {filters.map((option) => (
            <button
              key={option}
              type="button"
              className={`filter-chip filter-${option}${filter === option ? ' active' : ''}`}
              data-testid={`console-filter-${option}`}
              aria-pressed={filter === option}
              onClick={() => setFilter(option)}
            >
              {FILTER_LABELS[option]}
              <span className="filter-count">{counts[option]}</span>
            </button>
          ))}
        </div>
        <input
          type="search"
          className="panel-search"
          placeholder="Filter messages"
          aria-label="Filter console messages"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      <PanelStatus loaded={eventsLoaded} error={eventsError} total={entries.length} shown={visibleCount} noun="entries" />
      <VirtualList
        items={rows}
        rowHeightPx={ROW_HEIGHT_PX}
        itemKey={(entry) => entry.id}
        testId="console-list"
        empty={entries.length === 0 ? 'No console output was recorded.' : 'Nothing logged up to this point.'}
        renderRow={(entry) => (
          <ConsoleRow
            entry={entry}
            offsetMs={entry.timestamp - startedAt}
            selected={entry.id === selectedId}
            onClick={() => onJump(entry)}
          />
        )}
      />
      {selected && <ConsoleDetails entry={selected} offsetMs={selected.timestamp - startedAt} />}
    </div>
  );
}

function ConsoleRow({ entry, offsetMs, selected, onClick }: { entry: ConsoleEvent; offsetMs: number; selected: boolean; onClick: () => void }) {
  const level = filterOf(entry);
  return (
    <button
      type="button"
      className={`log-row level-${level}${selected ? ' selected' : ''}`}
      data-testid="console-entry"
      data-level={entry.level}
      data-offset={offsetMs}
      onClick={onClick}
      title={entry.message}
    >
      <span className={`level-badge level-${level}`}>{entry.level}</span>
      <span className="log-message">{entry.message}</span>
      {entry.stack && <span className="log-has-stack" aria-label="has a stack trace" />}
      <span className="log-time">{formatTime(offsetMs)}</span>
    </button>
  );
}

function ConsoleDetails({ entry, offsetMs }: { entry: ConsoleEvent; offsetMs: number }) {
  return (
    <div className="panel-details" data-testid="console-details">
      <div className="details-heading">
        <span className={`level-badge level-${filterOf(entry)}`}>{entry.level}</span>
        <span className="muted">at {formatTime(offsetMs)}</span>
      </div>
      <pre className="details-message">{entry.message}</pre>
      {entry.stack ? (
        <pre className="details-stack" data-testid="console-stack">
          {entry.stack}
        </pre>
      ) : (
        <p className="muted details-note">No stack trace was recorded.</p>
      )}
    </div>
  );
}

export const consolePanel: DevtoolsPanel = {
  id: 'console',
  title: 'Console',
  badge: (events) => {
    const entries = consoleEntries(events);
    return { count: entries.length, alert: entries.some((entry) => filterOf(entry) === 'error') };
  },
  Component: ConsolePanelView,
};
