/**
 * Runs `callback` once the DOM is parsed. Starting rrweb here rather than from a <head>
 * script means its first events are Meta + FullSnapshot instead of a lone DomContentLoaded,
 * and nothing is lost: rrweb snapshots nothing before this point either.
 * Returns a function that cancels a callback that has not run yet.
 */
export function whenDomReady(doc: Document, callback: () => void): () => void {
  if (doc.readyState !== 'loading') {
    callback();
    return () => {};
  }
  const listener = (): void => callback();
  doc.addEventListener('DOMContentLoaded', listener, { once: true });
  return () => doc.removeEventListener('DOMContentLoaded', listener);
}
