import type { MouseEvent } from 'react';
import type { ElementInfo } from './describeElement.js';
import type { Inspector } from '../player-ui/useInspector.js';

interface InspectOverlayProps {
  inspector: Inspector;
  /** Inspect mode: the overlay takes the pointer and follows it. */
  active: boolean;
  /** Replay scale: element boxes are in recorded pixels. */
  scale: number;
}

function Box({ info, scale, tone, testId, label }: { info: ElementInfo; scale: number; tone: string; testId: string; label?: boolean }) {
  return (
    <div
      className={`inspect-box inspect-${tone}`}
      data-testid={testId}
      style={{ left: info.left * scale, top: info.top * scale, width: info.width * scale, height: info.height * scale }}
    >
      {label && (
        <span className="inspect-label">
          <strong>{info.tag}</strong>
          {info.id && <span className="inspect-label-id">#{info.id}</span>}
          <span className="inspect-label-size">
            {info.width}×{info.height}
          </span>
        </span>
      )}
    </div>
  );
}

/** Draws the inspector's boxes over the replay; in inspect mode also picks elements with the pointer. */
export function InspectOverlay({ inspector, active, scale }: InspectOverlayProps) {
  const toReplay = (event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [(event.clientX - rect.left) / scale, (event.clientY - rect.top) / scale] as const;
  };
  return (
    <div
      className={`inspect-overlay${active ? ' active' : ''}`}
      data-testid="inspect-overlay"
      onMouseMove={active ? (event) => inspector.hoverAt(...toReplay(event)) : undefined}
      onMouseLeave={active ? inspector.clearHover : undefined}
      onClick={active ? (event) => inspector.pinAt(...toReplay(event)) : undefined}
    >
      {inspector.matches.map((info, index) => (
        <Box key={`match-${index}`} info={info} scale={scale} tone="match" testId="highlight-box" />
      ))}
      {inspector.pinned && <Box info={inspector.pinned} scale={scale} tone="pinned" testId="pinned-box" label={!active || !inspector.hovered} />}
      {active && inspector.hovered && <Box info={inspector.hovered} scale={scale} tone="hover" testId="hover-box" label />}
    </div>
  );
}
