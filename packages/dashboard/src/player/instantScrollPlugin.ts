import { EventType, IncrementalSource } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import type { Replayer, ReplayPlugin } from 'rrweb';

/**
 * Scrolls to each recorded scroll position at once while playing. rrweb animates playback
 * scrolls smoothly, from the time of the event: a long scroll then ends up to a second
 * after the moment the page was really there, so the replay lags the recording, and the
 * state shown at a moment depends on whether it was reached by playing or by seeking. The
 * recorded position is where the page was at that moment; this jumps there, as a seek does.
 */
export function createInstantScrollPlugin(): ReplayPlugin {
  return {
    handler(event: eventWithTime, isSync: boolean, context: { replayer: Replayer }) {
      if (isSync || event.type !== EventType.IncrementalSnapshot) return;
      const data = event.data as { source: number; id?: unknown; x?: unknown; y?: unknown };
      if (data.source !== IncrementalSource.Scroll || typeof data.id !== 'number' || typeof data.x !== 'number' || typeof data.y !== 'number') return;
      const target = context.replayer.getMirror().getNode(data.id) as Node | null;
      const options = { left: data.x, top: data.y, behavior: 'instant' as ScrollBehavior };
      // rrweb builds into another realm (the iframe): no instanceof.
      if (target?.nodeType === Node.DOCUMENT_NODE) (target as Document).defaultView?.scrollTo(options);
      else if (target?.nodeType === Node.ELEMENT_NODE) (target as Element).scrollTo(options);
    },
  };
}
