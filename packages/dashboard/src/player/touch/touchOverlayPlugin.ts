import type { RrwebEvent } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import type { Replayer, ReplayPlugin } from 'rrweb';
import { DEFAULT_TOUCH_FRAME_CONFIG, isEmptyFrame, touchFrame, type TouchFrame, type TouchSample } from './touchFrame.js';
import { mergeSamples, touchSamplesOf } from './touchSamples.js';

/** Look of touches (spec §9.2). */
export interface TouchStyle {
  pointColor: string;
  /** Diameter of a touch point in recorded CSS pixels. */
  pointSizePx: number;
  trailColor: string;
  trailWidthPx: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * rrweb replay plugin that draws touch points and trails over the replayed page (spec §9.2).
 * rrweb's own cursor only shows where the last finger is; this shows every tap fading out
 * and the path of each swipe. One instance per Replayer: it draws into that replayer's
 * wrapper, so it scales with the replay.
 */
export function createTouchOverlayPlugin(style: TouchStyle): ReplayPlugin {
  const keepMs = Math.max(DEFAULT_TOUCH_FRAME_CONFIG.pointLifetimeMs, DEFAULT_TOUCH_FRAME_CONFIG.trailMs) * 4;
  let samples: TouchSample[] = [];
  let svg: SVGSVGElement | null = null;
  let replayer: Replayer | null = null;
  let playing = false;
  let frameRequest: number | null = null;

  const now = (): number => (replayer ? replayer.getMetaData().startTime + replayer.getCurrentTime() : 0);

  const draw = (frame: TouchFrame): void => {
    if (!svg) return;
    svg.replaceChildren(
      ...frame.trails.map((trail) => {
        const line = document.createElementNS(SVG_NS, 'polyline');
        line.setAttribute('points', trail.map(({ x, y }) => `${x},${y}`).join(' '));
        line.setAttribute('fill', 'none');
        line.setAttribute('stroke', style.trailColor);
        line.setAttribute('stroke-width', String(style.trailWidthPx));
        line.setAttribute('stroke-linecap', 'round');
        line.setAttribute('stroke-linejoin', 'round');
        line.dataset.testid = 'touch-trail';
        return line;
      }),
      ...frame.points.map((point) => {
        const circle = document.createElementNS(SVG_NS, 'circle');
        circle.setAttribute('cx', String(point.x));
        circle.setAttribute('cy', String(point.y));
        circle.setAttribute('r', String(style.pointSizePx / 2));
        circle.setAttribute('fill', style.pointColor);
        circle.setAttribute('fill-opacity', String(0.35 * point.opacity));
        circle.setAttribute('stroke', style.pointColor);
        circle.setAttribute('stroke-opacity', String(point.opacity));
        circle.setAttribute('stroke-width', point.down ? '3' : '2');
        circle.dataset.testid = 'touch-point';
        return circle;
      }),
    );
  };

  /** Draws now; keeps drawing every frame while playing and something is visible (taps fade). */
  const render = (): void => {
    frameRequest = null;
    if (!svg?.isConnected) return;
    const frame = touchFrame(samples, now());
    draw(frame);
    if (playing && !isEmptyFrame(frame)) schedule();
  };

  const schedule = (): void => {
    frameRequest ??= requestAnimationFrame(render);
  };

  const attach = (target: Replayer): void => {
    replayer = target;
    svg = document.createElementNS(SVG_NS, 'svg');
    svg.classList.add('touch-overlay');
    svg.dataset.testid = 'touch-overlay';
    target.wrapper.appendChild(svg);
    target.on('start', () => {
      playing = true;
      schedule();
    });
    target.on('pause', () => {
      playing = false;
      schedule();
    });
    // A rebuilt snapshot is a restart (a seek back or a new page): earlier touches are replayed again if needed.
    target.on('fullsnapshot-rebuilded', () => {
      samples = [];
      schedule();
    });
  };

  return {
    handler(event: eventWithTime, _isSync: boolean, context: { replayer: Replayer }) {
      if (!svg) attach(context.replayer);
      const added = touchSamplesOf(event as unknown as RrwebEvent);
      if (added.length === 0) return;
      samples = mergeSamples(samples, added, keepMs);
      schedule();
    },
  };
}
