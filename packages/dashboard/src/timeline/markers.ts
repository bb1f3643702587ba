import type { SessionEvent, SessionEventKind, Severity } from '@gosight/shared';

/** Kinds drawn on the timeline (spec §5.3; dead clicks too, since the processor finds them). */
export const MARKER_KINDS: readonly SessionEventKind[] = ['page_view', 'click', 'rage_click', 'dead_click', 'error', 'custom'];

/** One event on the timeline, at its playback offset. */
export interface TimelineMarker {
  id: string;
  kind: SessionEventKind;
  offsetMs: number;
  label: string;
  severity: Severity;
}

/** Markers of several events that would overlap on screen, drawn as one. */
export interface MarkerCluster {
  /** Position on the track, 0–100. */
  leftPercent: number;
  /** Where a click on the cluster seeks: its earliest event. */
  offsetMs: number;
  markers: TimelineMarker[];
  /** The most severe member decides the colour. */
  severity: Severity;
  /** The kind shown: the most severe member's. */
  kind: SessionEventKind;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The timeline's markers, as offsets from `startedAt`, in time order. */
export function toMarkers(events: readonly SessionEvent[], startedAt: number): TimelineMarker[] {
  return events
    .filter((event) => MARKER_KINDS.includes(event.kind))
    .map((event) => ({
      id: event.id,
      kind: event.kind,
      offsetMs: Math.max(0, event.timestamp - startedAt),
      label: event.label,
      severity: event.severity,
    }))
    .sort((a, b) => a.offsetMs - b.offsetMs);
}

/**
 * Groups markers closer than `minGapPx` on a track `widthPx` wide, so a 4-hour session with
 * thousands of clicks still draws at most one marker per few pixels (bounded DOM, readable).
 * Expects markers in time order.
 */
export function clusterMarkers(markers: readonly TimelineMarker[], durationMs: number, widthPx: number, minGapPx: number): MarkerCluster[] {
  if (durationMs <= 0 || widthPx <= 0) return [];
  const clusters: MarkerCluster[] = [];
  let startPx = Number.NEGATIVE_INFINITY;
  for (const marker of markers) {
    const px = (Math.min(marker.offsetMs, durationMs) / durationMs) * widthPx;
    const last = clusters[clusters.length - 1];
    if (last && px - startPx < minGapPx) {
      last.markers.push(marker);
      if (SEVERITY_RANK[marker.severity] > SEVERITY_RANK[last.severity]) {
        last.severity = marker.severity;
        last.kind = marker.kind;
      }
      continue;
    }
    startPx = px;
    clusters.push({
      leftPercent: (px / widthPx) * 100,
      offsetMs: marker.offsetMs,
      markers: [marker],
      severity: marker.severity,
      kind: marker.kind,
    });
  }
  return clusters;
}
