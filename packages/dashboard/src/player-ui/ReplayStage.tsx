import { useRef, type ReactNode, type RefObject } from 'react';
import { fitViewport, type Viewport } from '../player/fitViewport.js';
import { useElementWidth } from './useElementWidth.js';

interface ReplayStageProps {
  /** Element rrweb renders into; React never renders children into it. */
  rootRef: RefObject<HTMLDivElement | null>;
  viewport: Viewport | null;
  /** Shown over the stage while loading or on error. */
  overlay?: ReactNode;
}

/**
 * The replay area. The recorded page keeps its recorded size and is only scaled down, with a
 * top-left transform, when the stage is narrower; the frame takes the scaled size so nothing
 * overflows. At scale 1 no transform is set at all, so the iframe is drawn pixel for pixel.
 */
export function ReplayStage({ rootRef, viewport, overlay }: ReplayStageProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const availableWidth = useElementWidth(stageRef);
  const fitted = viewport ? fitViewport(viewport, availableWidth) : null;

  return (
    <div className="replay-stage" ref={stageRef} data-scale={fitted?.scale ?? 1}>
      <div
        className="replay-frame"
        style={fitted && viewport ? { width: fitted.width, height: fitted.height } : undefined}
      >
        <div
          ref={rootRef}
          className="replay-root"
          data-testid="replay-root"
          style={
            fitted && viewport
              ? {
                  width: viewport.width,
                  height: viewport.height,
                  transform: fitted.scale < 1 ? `scale(${fitted.scale})` : undefined,
                }
              : undefined
          }
        />
      </div>
      {overlay && <div className="replay-overlay">{overlay}</div>}
    </div>
  );
}
