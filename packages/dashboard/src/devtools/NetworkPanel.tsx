import { useMemo, useState } from 'react';
import type { NetworkEvent } from '@gosight/shared';
import { countUpTo } from '../timeline/eventNavigation.js';
import type { DevtoolsPanel, DevtoolsPanelProps } from './DevtoolsPanel.js';
import { NetworkDetails } from './NetworkDetails.js';
import { formatBytes, formatDuration, isFailed, networkRequests, requestName } from './networkRows.js';
import { PanelStatus } from './PanelStatus.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT_PX = 30;

/** Requests up to the playhead (spec §7.2); failures in red; a selected request shows its details. */
function NetworkPanelView({ events, eventsLoaded, eventsError, startedAt, currentMs, selectedId, onSelect, onSeek }: DevtoolsPanelProps) {
  const [failedOnly, setFailedOnly] = useState(false);
  const [search, setSearch] = useState('');
  const requests = useMemo(() => networkRequests(events), [events]);
  const times = useMemo(() => requests.map((request) => request.timestamp), [requests]);
  const visibleCount = countUpTo(times, startedAt + currentMs);
  const shown = useMemo(() => requests.slice(0, visibleCount), [requests, visibleCount]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return shown.filter((event) => (!failedOnly || isFailed(event)) && (!needle || event.request.url.toLowerCase().includes(needle)));
  }, [shown, failedOnly, search]);
  const failedCount = useMemo(() => shown.filter(isFailed).length, [shown]);
  const selected = requests.find((request) => request.id === selectedId) ?? null;

  return (
    <div className="panel" data-testid="network-panel">
      <div className="panel-toolbar">
        <div className="filter-chips">
          <button type="button" className={`filter-chip${!failedOnly ? ' active' : ''}`} aria-pressed={!failedOnly} onClick={() => setFailedOnly(false)}>
            All<span className="filter-count">{shown.length}</span>
          </button>
          <button
            type="button"
            className={`filter-chip filter-error${failedOnly ? ' active' : ''}`}
            data-testid="network-filter-failed"
            aria-pressed={failedOnly}
            onClick={() => setFailedOnly(true)}
          >
            Failed<span className="filter-count">{failedCount}</span>
          </button>
        </div>
        <input
          type="search"
          className="panel-search"
          placeholder="Filter URLs"
          aria-label="Filter requests by URL"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      <PanelStatus loaded={eventsLoaded} error={eventsError} total={requests.length} shown={visibleCount} noun="requests" />
      <div className="network-head" aria-hidden="true">
        <span>Name</span>
        <span>Method</span>
        <span>Status</span>
        <span>Type</span>
        <span className="num">Size</span>
        <span className="num">Time</span>
      </div>
      <VirtualList
        items={rows}
        rowHeightPx={ROW_HEIGHT_PX}
        itemKey={(event) => event.id}
        testId="network-list"
        empty={requests.length === 0 ? 'No network requests were recorded.' : 'No requests up to this point.'}
        renderRow={(event) => <NetworkRow event={event} selected={event.id === selectedId} onClick={() => onSelect(event)} />}
      />
      {selected && <NetworkDetails event={selected} offsetMs={selected.timestamp - startedAt} onSeek={onSeek} />}
    </div>
  );
}

function NetworkRow({ event, selected, onClick }: { event: NetworkEvent; selected: boolean; onClick: () => void }) {
  const { request } = event;
  const failed = isFailed(event);
  return (
    <button
      type="button"
      className={`network-row${failed ? ' failed' : ''}${selected ? ' selected' : ''}`}
      data-testid="network-request"
      data-status={request.status}
      data-failed={failed}
      title={request.url}
      onClick={onClick}
    >
      <span className="network-name">{requestName(request.url)}</span>
      <span>{request.method}</span>
      <span className="network-status">{request.status || 'failed'}</span>
      <span className="muted">{request.type}</span>
      <span className="num muted">{formatBytes(request.size)}</span>
      <span className="num muted">{formatDuration(request.durationMs)}</span>
    </button>
  );
}

export const networkPanel: DevtoolsPanel = {
  id: 'network',
  title: 'Network',
  badge: (events) => {
    const requests = networkRequests(events);
    return { count: requests.length, alert: requests.some(isFailed) };
  },
  Component: NetworkPanelView,
};

