interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  /** Rows on the current page. */
  shown: number;
  onOffsetChange: (offset: number) => void;
}

/** "1–25 of 60" with previous and next buttons. */
export function Pagination({ offset, limit, total, shown, onOffsetChange }: PaginationProps) {
  const first = shown > 0 ? offset + 1 : 0;
  const last = offset + shown;
  return (
    <nav className="pagination" aria-label="Session pages">
      <span className="muted" data-testid="pagination-range">
        {first}–{last} of {total}
      </span>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="page-previous"
          disabled={offset === 0}
          onClick={() => onOffsetChange(Math.max(0, offset - limit))}
        >
          Previous
        </button>
        <button
          type="button"
          className="button"
          data-testid="page-next"
          disabled={offset + limit >= total}
          onClick={() => onOffsetChange(offset + limit)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
