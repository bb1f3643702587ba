/**
 * Reads the replayed page inside rrweb's iframe (sandboxed, same origin, so the dashboard can
 * query it). Coordinates are the recorded viewport's CSS pixels.
 */

/** The replayed element under a point, or null when there is no page or only the document. */
export function elementAt(iframe: HTMLIFrameElement | null, x: number, y: number): Element | null {
  const doc = iframe?.contentDocument;
  if (!doc) return null;
  const element = doc.elementFromPoint(x, y);
  return element && element !== doc.documentElement ? element : null;
}

/** Most matches a selector highlight draws; more would only hide the page. */
export const MAX_HIGHLIGHTS = 50;

/** Elements matching a CSS selector in the replayed page; an invalid selector gives its error instead. */
export function matchSelector(iframe: HTMLIFrameElement | null, selector: string): { elements: Element[]; total: number; error: string | null } {
  const doc = iframe?.contentDocument;
  if (!doc || !selector.trim()) return { elements: [], total: 0, error: null };
  try {
    const all = doc.querySelectorAll(selector);
    return { elements: Array.from(all).slice(0, MAX_HIGHLIGHTS), total: all.length, error: null };
  } catch {
    return { elements: [], total: 0, error: 'Not a valid CSS selector' };
  }
}
