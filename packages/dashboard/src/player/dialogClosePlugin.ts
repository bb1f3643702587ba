import { EventType, IncrementalSource } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import type { Replayer, ReplayPlugin } from 'rrweb';

/**
 * Closes a replayed modal dialog when the recording says it closed. rrweb opens a modal with
 * `showModal()` but closes it by removing the `open` attribute (after which `close()` does
 * nothing), which leaves the dialog in
 * the top layer (`:modal`, its backdrop, and the page behind it inert) while playing; a seek,
 * which rebuilds, shows it closed. Calling `close()` makes both the same.
 */
export function createDialogClosePlugin(): ReplayPlugin {
  return {
    handler(event: eventWithTime, isSync: boolean, context: { replayer: Replayer }) {
      if (isSync || event.type !== EventType.IncrementalSnapshot) return;
      const data = event.data as { source: number; attributes?: { id: number; attributes: Record<string, unknown> }[] };
      if (data.source !== IncrementalSource.Mutation) return;
      for (const change of data.attributes ?? []) {
        if (!('open' in change.attributes) || change.attributes.open !== null) continue;
        const node = context.replayer.getMirror().getNode(change.id) as HTMLDialogElement | null;
        // Another realm (the iframe): no instanceof.
        if (node?.nodeName !== 'DIALOG' || node.open || !node.matches(':modal')) continue;
        // close() does nothing to a dialog without the attribute: put it back for close() to take away.
        node.setAttribute('open', '');
        node.close();
      }
    },
  };
}
