/**
 * Calls `callback` when the page may be about to die: `pagehide` (navigation, close, bfcache)
 * and `visibilitychange` to hidden, the last event mobile browsers reliably fire before
 * killing a backgrounded tab. Returns the unsubscribe function.
 */
export function onPageHide(win: Window, callback: () => void): () => void {
  const onPagehide = (): void => callback();
  const onVisibilityChange = (): void => {
    if (win.document.visibilityState === 'hidden') callback();
  };
  win.addEventListener('pagehide', onPagehide, { capture: true });
  win.document.addEventListener('visibilitychange', onVisibilityChange, { capture: true });
  return () => {
    win.removeEventListener('pagehide', onPagehide, { capture: true });
    win.document.removeEventListener('visibilitychange', onVisibilityChange, { capture: true });
  };
}
