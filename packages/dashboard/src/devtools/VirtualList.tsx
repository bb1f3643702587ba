import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleRows } from '../ui/visibleRows.js';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeightPx: number;
  /** Stable key of an item. */
  itemKey: (item: T) => string;
  renderRow: (item: T) => ReactNode;
  testId: string;
  empty: ReactNode;
}

/** Rows rendered beyond the viewport on each side. */
const OVERSCAN_ROWS = 8;

/**
 * A list of fixed-height rows that renders only what is in view. It follows the end of the
 * list as rows appear (the playhead moving on) unless the reader scrolled up to look back.
 */
export function VirtualList<T>({ items, rowHeightPx, itemKey, renderRow, testId, empty }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(400);
  const followRef = useRef(true);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    setViewportPx(element.clientHeight);
    if (followRef.current) element.scrollTop = element.scrollHeight;
  }, [items.length]);

  if (items.length === 0) return <div className="panel-empty">{empty}</div>;
  const window = visibleRows(scrollTop, viewportPx, rowHeightPx, items.length, OVERSCAN_ROWS);
  return (
    <div
      className="panel-scroll"
      ref={scrollRef}
      data-testid={testId}
      onScroll={(event) => {
        const element = event.currentTarget;
        setScrollTop(element.scrollTop);
        setViewportPx(element.clientHeight);
        followRef.current = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeightPx;
      }}
    >
      <div style={{ height: window.padTopPx }} />
      {items.slice(window.start, window.end).map((item) => (
        <div key={itemKey(item)} className="virtual-row" style={{ height: rowHeightPx }}>
          {renderRow(item)}
        </div>
      ))}
      <div style={{ height: window.padBottomPx }} />
    </div>
  );
}
