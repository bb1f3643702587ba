import { useCallback, useMemo, useState } from 'react';
import { describeElement, type DescribableElement, type ElementInfo } from '../inspect/describeElement.js';
import { elementAt, matchSelector } from '../inspect/inspectReplay.js';
import type { ReplayController } from '../player/ReplayController.js';

/** The inspector's state (spec §5.2 inspectElement / highlightElement). */
export interface Inspector {
  /** Element under the pointer while inspecting. */
  hovered: ElementInfo | null;
  /** Element clicked while inspecting, or the target of a selected click event. */
  pinned: ElementInfo | null;
  selector: string;
  /** Elements the selector matches (capped), and how many matched in all. */
  matches: ElementInfo[];
  matchCount: number;
  selectorError: string | null;
  setSelector: (selector: string) => void;
  hoverAt: (x: number, y: number) => void;
  pinAt: (x: number, y: number) => void;
  /** Pins a replayed node directly (a recorded click's target). */
  pinNode: (node: Node | null) => void;
  clearHover: () => void;
  unpin: () => void;
}

const describe = (element: Element | null): ElementInfo | null =>
  element && element.isConnected ? describeElement(element as unknown as DescribableElement) : null;

/**
 * Keeps the elements themselves and describes them again whenever `currentMs` changes, so
 * boxes follow the replayed layout as playback moves.
 */
export function useInspector(controller: ReplayController | null, currentMs: number): Inspector {
  const [hoveredElement, setHovered] = useState<Element | null>(null);
  const [pinnedElement, setPinned] = useState<Element | null>(null);
  const [selector, setSelector] = useState('');
  const iframe = controller?.iframe() ?? null;

  const hovered = useMemo(() => describe(hoveredElement), [hoveredElement, currentMs]);
  const pinned = useMemo(() => describe(pinnedElement), [pinnedElement, currentMs]);
  const selection = useMemo(() => matchSelector(iframe, selector), [iframe, selector, currentMs]);
  const matches = useMemo(() => selection.elements.map(describe).filter((info): info is ElementInfo => info !== null), [selection]);

  const hoverAt = useCallback((x: number, y: number) => setHovered(elementAt(controller?.iframe() ?? null, x, y)), [controller]);
  const pinAt = useCallback((x: number, y: number) => setPinned(elementAt(controller?.iframe() ?? null, x, y)), [controller]);
  const pinNode = useCallback((node: Node | null) => setPinned(node && node.nodeType === 1 ? (node as Element) : null), []);
  const clearHover = useCallback(() => setHovered(null), []);
  const unpin = useCallback(() => setPinned(null), []);

  // One object per change, so the memoised devtools re-render only when the inspector changed.
  return useMemo(
    () => ({
      hovered,
      pinned,
      selector,
      matches,
      matchCount: selection.total,
      selectorError: selection.error,
      setSelector,
      hoverAt,
      pinAt,
      pinNode,
      clearHover,
      unpin,
    }),
    [hovered, pinned, selector, matches, selection, hoverAt, pinAt, pinNode, clearHover, unpin],
  );
}
