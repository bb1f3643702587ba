import { formatTime } from '../format/formatTime.js';
import type { MarkerCluster } from './markers.js';
import { KIND_LABELS } from './kindLabels.js';

/** Most lines a grouped marker's tooltip lists before summarising the rest. */
const MAX_LINES = 5;

/** What a marker (or a group of close markers) stands for, shown above it on hover. */
export function MarkerTooltip({ cluster }: { cluster: MarkerCluster }) {
  const shown = cluster.markers.slice(0, MAX_LINES);
  const rest = cluster.markers.length - shown.length;
  // Keep the tooltip inside the track near either end.
  const align = cluster.leftPercent < 15 ? 'start' : cluster.leftPercent > 85 ? 'end' : 'center';
  return (
    <div className={`marker-tooltip align-${align}`} style={{ left: `${cluster.leftPercent}%` }} role="tooltip">
      {shown.map((marker) => (
        <div key={marker.id} className="marker-tooltip-line">
          <span className={`dot severity-${marker.severity}`} aria-hidden="true" />
          <span className="marker-tooltip-kind">{KIND_LABELS[marker.kind]}</span>
          <span className="marker-tooltip-label">{marker.label}</span>
          <span className="marker-tooltip-time">{formatTime(marker.offsetMs)}</span>
        </div>
      ))}
      {rest > 0 && <div className="marker-tooltip-more">and {rest} more</div>}
    </div>
  );
}
