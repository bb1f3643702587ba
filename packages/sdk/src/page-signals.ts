/** What the SDK needs to know about the page's lifecycle and the network. */
export interface PageSignals {
  /** `visibilitychange` to hidden: the last event mobile browsers reliably fire before killing a backgrounded tab. Returns the unsubscribe function. */
  onHidden(callback: () => void): () => void;
  /** `pagehide`: navigation, close, or entering the back/forward cache. */
  onPageHide(callback: () => void): () => void;
  /** The browser's `online` event. */
  onOnline(callback: () => void): () => void;
  /** True while the page is hidden. */
  isHidden(): boolean;
  /** False when the browser knows it is offline (true when it cannot tell). */
  isOnline(): boolean;
}

export function createPageSignals(win: Window): PageSignals {
  const listen = (target: EventTarget, type: string, listener: () => void): (() => void) => {
    target.addEventListener(type, listener, { capture: true });
    return () => target.removeEventListener(type, listener, { capture: true });
  };
  return {
    onHidden: (callback) =>
      listen(win.document, 'visibilitychange', () => {
        if (win.document.visibilityState === 'hidden') callback();
      }),
    onPageHide: (callback) => listen(win, 'pagehide', callback),
    onOnline: (callback) => listen(win, 'online', callback),
    isHidden: () => win.document.visibilityState === 'hidden',
    isOnline: () => {
      const nav = win.navigator;
      return !nav || typeof nav.onLine !== 'boolean' || nav.onLine;
    },
  };
}
