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

/** Space the stage offers; a dimension of 0 (not measured yet) does not constrain. */
export interface Available {
  width: number;
  height: number;
}

/**
 * Fits the recorded viewport into the available box (spec §9.1): scaled down when the stage
 * is narrower or shorter, never scaled up, so at scale 1 the replay is pixel-identical to
 * the recording. A phone recording is fitted by its height, a wide desktop one by its width.
 */
export function fitViewport(recorded: Viewport, available: Available): FittedViewport {
  const limits = [1];
  if (recorded.width > 0 && available.width > 0) limits.push(available.width / recorded.width);
  if (recorded.height > 0 && available.height > 0) limits.push(available.height / recorded.height);
  const scale = Math.min(...limits);
  return { scale, width: recorded.width * scale, height: recorded.height * scale };
}
