import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { formatTime } from '../format/formatTime.js';
import type { OffsetRange } from '../player/inactivitySkip.js';
import type { ChunkSpan } from '../player/playerSnapshot.js';
import { useElementSize } from '../player-ui/useElementSize.js';
import { clusterMarkers, type MarkerCluster, type TimelineMarker } from './markers.js';
import { MarkerTooltip } from './MarkerTooltip.js';

interface TimelineProps {
  currentMs: number;
  durationMs: number;
  markers: readonly TimelineMarker[];
  inactiveRanges: readonly OffsetRange[];
  chunks: readonly ChunkSpan[];
  cachedChunks: readonly number[];
  disabled: boolean;
  /** Resolves once the frame at the offset is shown. */
  onSeek: (offsetMs: number) => Promise<void>;
}

/** Markers closer than this many pixels merge into one. */
const MARKER_MIN_GAP_PX = 7;

const percent = (part: number, whole: number): string => `${whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0}%`;
const span = (startMs: number, endMs: number, durationMs: number): CSSProperties => ({
  left: percent(startMs, durationMs),
  width: percent(endMs - startMs, durationMs),
});

/**
 * The session on one line (spec §5.3): event markers above a track that shows what was
 * played, which chunks are in memory and where nothing happened (inactivity, hatched). The
 * track is a range input underneath the drawing, so dragging and keyboard stepping are native.
 */
export function Timeline({ currentMs, durationMs, markers, inactiveRanges, chunks, cachedChunks, disabled, onSeek }: TimelineProps) {
  const laneRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(laneRef);
  const clusters = useMemo(() => clusterMarkers(markers, durationMs, width, MARKER_MIN_GAP_PX), [markers, durationMs, width]);
  const cached = useMemo(() => new Set(cachedChunks), [cachedChunks]);
  const [hovered, setHovered] = useState<MarkerCluster | null>(null);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  // While a drag's seek is in flight the thumb follows the pointer, not the player.
  const [dragMs, setDragMs] = useState<number | null>(null);
  const shownMs = dragMs ?? currentMs;

  const seek = (target: number) => {
    setDragMs(target);
    onSeek(target)
      .catch(() => undefined) // failures show in the player's error line
      .finally(() => setDragMs((pending) => (pending === target ? null : pending)));
  };

  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-lane" ref={laneRef} onMouseLeave={() => setHovered(null)}>
        {clusters.map((cluster) => (
          <button
            key={cluster.markers[0].id}
            type="button"
            className={`marker marker-${cluster.kind} severity-${cluster.severity}${cluster.markers.length > 1 ? ' marker-group' : ''}`}
            style={{ left: `${cluster.leftPercent}%` }}
            data-testid="timeline-marker"
            data-kind={cluster.kind}
            data-kinds={[...new Set(cluster.markers.map((marker) => marker.kind))].join(' ')}
            data-offset={cluster.offsetMs}
            aria-label={`${cluster.markers[0].label} at ${formatTime(cluster.offsetMs)}`}
            disabled={disabled}
            onMouseEnter={() => setHovered(cluster)}
            onFocus={() => setHovered(cluster)}
            onBlur={() => setHovered(null)}
            onClick={() => seek(cluster.offsetMs)}
          />
        ))}
        {hovered && <MarkerTooltip cluster={hovered} />}
      </div>
      <div
        className="timeline-track"
        onMouseMove={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          setHoverMs(rect.width > 0 ? ((event.clientX - rect.left) / rect.width) * durationMs : null);
        }}
        onMouseLeave={() => setHoverMs(null)}
      >
        <div className="track-rail">
          {chunks
            .filter((chunk) => cached.has(chunk.index))
            .map((chunk) => (
              <div key={chunk.index} className="track-buffered" style={span(chunk.startMs, chunk.endMs, durationMs)} />
            ))}
          <div className="track-played" style={{ width: percent(shownMs, durationMs) }} />
          {inactiveRanges.map((range) => (
            <div
              key={range.startMs}
              className="track-inactive"
              data-testid="inactive-range"
              title={`Inactive for ${formatTime(range.endMs - range.startMs)}`}
              style={span(range.startMs, range.endMs, durationMs)}
            />
          ))}
        </div>
        <div className="track-thumb" style={{ left: percent(shownMs, durationMs) }} />
        {hoverMs !== null && (
          <div className="track-hover" style={{ left: percent(hoverMs, durationMs) }}>
            {formatTime(hoverMs)}
          </div>
        )}
        <input
          type="range"
          className="track-input"
          data-testid="seek-bar"
          aria-label="Seek"
          aria-valuetext={`${formatTime(shownMs)} of ${formatTime(durationMs)}`}
          min={0}
          max={Math.max(durationMs, 0)}
          step={1}
          value={Math.min(shownMs, durationMs)}
          disabled={disabled}
          onChange={(event) => seek(Number(event.currentTarget.value))}
        />
      </div>
    </div>
  );
}
