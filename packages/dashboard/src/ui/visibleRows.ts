/** The slice of a fixed-height list worth rendering, and the space standing in for the rest. */
export interface RowWindow {
  start: number;
  /** Exclusive. */
  end: number;
  padTopPx: number;
  padBottomPx: number;
}

/**
 * Rows visible in a scrolled viewport plus `overscan` on each side. A 4-hour session's
 * console or network list can hold thousands of rows; rendering only these keeps a panel
 * cheap to update while the playhead moves.
 */
export function visibleRows(scrollTopPx: number, viewportPx: number, rowPx: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowPx <= 0) return { start: 0, end: 0, padTopPx: 0, padBottomPx: 0 };
  const first = Math.floor(Math.max(0, scrollTopPx) / rowPx);
  const visible = Math.ceil(Math.max(viewportPx, rowPx) / rowPx) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTopPx: start * rowPx, padBottomPx: (count - end) * rowPx };
}
