import type { eventWithTime } from '@rrweb/types';
import type { Replayer, ReplayPlugin } from 'rrweb';

const MUTATION_EVENT = 3;
const MUTATION_SOURCE = 0;

/**
 * Keeps the replayed page from telling the recorded site who watches it. The dashboard is
 * served with `Referrer-Policy: no-referrer`, but rrweb rebuilds the page with
 * `document.open()`, after which some loads (CSS backgrounds and fonts) carry the
 * dashboard's URL as referrer, and a recorded page can ask for one itself (a `referrer`
 * meta, a `referrerpolicy` attribute). So every replayed document gets a no-referrer meta
 * first in its head, the recorded page's own referrer meta and attributes are overridden
 * as they are built, and again when a mutation changes them.
 */
export function createNoReferrerPlugin(): ReplayPlugin {
  return {
    onBuild(node) {
      if (!isDomNode(node)) return;
      if (node.nodeType === Node.DOCUMENT_NODE) ensureMeta((node as Document).head);
      else if (node.nodeType === Node.ELEMENT_NODE) neutralize(node as Element);
    },
    handler(event: eventWithTime, _isSync: boolean, context: { replayer: Replayer }) {
      if (event.type !== MUTATION_EVENT) return;
      const data = event.data as { source: number; attributes?: { id: number; attributes: Record<string, unknown> }[] };
      if (data.source !== MUTATION_SOURCE) return;
      for (const change of data.attributes ?? []) {
        if (!('referrerpolicy' in change.attributes) && !('content' in change.attributes) && !('name' in change.attributes)) continue;
        const target = context.replayer.getMirror().getNode(change.id);
        if (isDomNode(target) && target.nodeType === Node.ELEMENT_NODE) neutralize(target as Element);
      }
    },
  };
}

/** rrweb also builds into a virtual DOM while seeking; only real nodes (of any frame's realm) are touched. */
const isDomNode = (n: unknown): n is Node => !!n && typeof (n as Node).cloneNode === 'function' && typeof (n as Node).isConnected === 'boolean';

function neutralize(el: Element): void {
  if (el.hasAttribute('referrerpolicy')) el.setAttribute('referrerpolicy', 'no-referrer');
  if (el.localName === 'meta' && el.getAttribute('name')?.toLowerCase() === 'referrer') el.setAttribute('content', 'no-referrer');
  if (el.localName === 'head') ensureMeta(el);
}

function ensureMeta(head: Element | null): void {
  if (!head || head.querySelector(':scope > meta[data-gosight-referrer]')) return;
  const meta = head.ownerDocument.createElement('meta');
  meta.setAttribute('name', 'referrer');
  meta.setAttribute('content', 'no-referrer');
  meta.setAttribute('data-gosight-referrer', '');
  head.prepend(meta);
}
