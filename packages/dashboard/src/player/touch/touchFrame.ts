/** One recorded touch: where the finger went down, moved or lifted (recorded CSS pixels, epoch ms). */
export interface TouchSample {
  kind: 'start' | 'move' | 'end';
  x: number;
  y: number;
  at: number;
}

/** What to draw at one instant (spec §9.2). */
export interface TouchFrame {
  /** Taps fading out after the finger went down, and fingers still down (opacity 1). */
  points: Array<{ x: number; y: number; opacity: number; down: boolean }>;
  /** Recent paths of moving fingers, oldest point first. */
  trails: Array<Array<{ x: number; y: number }>>;
}

export interface TouchFrameConfig {
  /** How long a tap stays visible after the finger went down. */
  pointLifetimeMs: number;
  /** How much of a finger's path stays drawn behind it. */
  trailMs: number;
  /**
   * A finger with no sample for this long counts as lifted. Browsers often send no touch end
   * when a touch turns into a scroll (it is cancelled), and the recording then has none.
   */
  strokeIdleMs: number;
}

export const DEFAULT_TOUCH_FRAME_CONFIG: TouchFrameConfig = { pointLifetimeMs: 800, trailMs: 600, strokeIdleMs: 1_000 };

/**
 * What is visible at `now` from samples in time order: samples after `now` are ignored, so
 * the same history draws correctly wherever the playhead is.
 */
export function touchFrame(samples: readonly TouchSample[], now: number, config = DEFAULT_TOUCH_FRAME_CONFIG): TouchFrame {
  const frame: TouchFrame = { points: [], trails: [] };
  const strokes: TouchSample[][] = [];
  for (const sample of samples) {
    if (sample.at > now) break;
    if (sample.kind === 'start') strokes.push([sample]);
    else strokes[strokes.length - 1]?.push(sample);
  }
  for (const stroke of strokes) {
    const first = stroke[0];
    const last = stroke[stroke.length - 1];
    const isLast = stroke === strokes[strokes.length - 1];
    // Only the newest stroke can still be down (one finger at a time), and only while samples keep coming.
    const down = isLast && last.kind !== 'end' && now - last.at < config.strokeIdleMs;
    const age = now - first.at;
    // A lifted finger leaves a fading mark where it went down; a finger still down is drawn where it is.
    if (down) frame.points.push({ x: last.x, y: last.y, opacity: 1, down: true });
    else if (age <= config.pointLifetimeMs) frame.points.push({ x: first.x, y: first.y, opacity: 1 - age / config.pointLifetimeMs, down: false });
    // A trail only where the finger moved: a tap has none.
    if (!stroke.some((sample) => sample.kind === 'move')) continue;
    const recent = stroke.filter((sample) => now - sample.at <= config.trailMs);
    if (recent.length > 1) frame.trails.push(recent.map(({ x, y }) => ({ x, y })));
  }
  return frame;
}

/** True when nothing would be drawn. */
export const isEmptyFrame = (frame: TouchFrame): boolean => frame.points.length === 0 && frame.trails.length === 0;
