import { useRef, type ReactNode, type RefObject } from 'react';
import { fitViewport, type FittedViewport, type Viewport } from '../player/fitViewport.js';
import { useElementSize } from './useElementSize.js';

/** Phone-sized viewports (either way up) get a phone's frame around them. */
const PHONE_SHORT_SIDE_MAX_PX = 500;
const PHONE_LONG_SIDE_MAX_PX = 1_000;
const isPhoneSized = ({ width, height }: Viewport): boolean =>
  Math.min(width, height) <= PHONE_SHORT_SIDE_MAX_PX && Math.max(width, height) <= PHONE_LONG_SIDE_MAX_PX;

interface ReplayStageProps {
  /** Element rrweb renders into; React never renders children into it. */
  rootRef: RefObject<HTMLDivElement | null>;
  viewport: Viewport | null;
  /** Drawn over the replay at its scaled size (inspect highlights); gets the fitted scale. */
  frameOverlay?: (fitted: FittedViewport) => ReactNode;
  /** Shown over the whole stage while loading or on error. */
  overlay?: ReactNode;
}

/**
 * The replay area. The recorded page keeps its recorded size and is only scaled down, with a
 * top-left transform, to fit the stage's width and height (a phone recording fits by its
 * height); the frame takes the scaled size so nothing overflows. At scale 1 no transform is
 * set at all, so the iframe is drawn pixel for pixel.
 */
export function ReplayStage({ rootRef, viewport, frameOverlay, overlay }: ReplayStageProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const available = useElementSize(stageRef);
  const fitted = viewport ? fitViewport(viewport, available) : null;
  // Centred on whole pixels: at scale 1 a half-pixel offset would blur (and resize) every replayed pixel.
  const offset = fitted
    ? { left: Math.max(0, Math.floor((available.width - fitted.width) / 2)), top: Math.max(0, Math.floor((available.height - fitted.height) / 2)) }
    : null;

  return (
    <div className="replay-stage" ref={stageRef} data-testid="replay-stage" data-scale={fitted?.scale ?? 1}>
      <div
        className="replay-frame"
        data-testid="replay-frame"
        data-device={viewport && isPhoneSized(viewport) ? 'phone' : 'desktop'}
        style={fitted && offset ? { width: fitted.width, height: fitted.height, marginLeft: offset.left, marginTop: offset.top } : undefined}
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
        {fitted && frameOverlay?.(fitted)}
      </div>
      {overlay && <div className="replay-overlay">{overlay}</div>}
    </div>
  );
}
