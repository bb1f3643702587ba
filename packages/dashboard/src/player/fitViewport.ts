/** Recorded page size in CSS pixels, from the rrweb Meta event. */
export interface Viewport {
  width: number;
  height: number;
}

/** How the replay box is drawn: `scale` applies to the recorded viewport, `width`/`height` are the scaled box. */
export interface FittedViewport {
  scale: number;
  width: number;
  height: number;
}

/**
 * Fits the recorded viewport into the available width: scaled down when the container is
 * narrower, never scaled up, so at scale 1 the replay is pixel-identical to the recording.
 * An unmeasured (zero) container leaves the scale at 1.
 */
export function fitViewport(recorded: Viewport, availableWidth: number): FittedViewport {
  const scale =
    recorded.width > 0 && availableWidth > 0 ? Math.min(1, availableWidth / recorded.width) : 1;
  return { scale, width: recorded.width * scale, height: recorded.height * scale };
}
