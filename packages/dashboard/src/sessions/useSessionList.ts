import { useCallback, useEffect, useState } from 'react';
import type { SessionListQuery, SessionListResponse } from '@gosight/shared';
import { fetchSessionList } from '../api/readApi.js';
import { SESSION_REFRESH_INTERVAL_MS } from '../constants.js';
import { sessionListPath } from './sessionFilters.js';

export interface SessionListState {
  /** Latest page read successfully; kept while a refresh is running or failed. */
  data: SessionListResponse | null;
  /** Message of the last failed read, cleared by the next successful one. */
  error: string | null;
  /** A request is in flight, or the list shown was read for another query. */
  loading: boolean;
  /** When `data` was read (epoch ms). */
  updatedAt: number | null;
}

/**
 * Reads one page of `/api/sessions` for `query` and re-reads it every
 * SESSION_REFRESH_INTERVAL_MS, counted from the end of the previous request so slow answers
 * never pile up. `refresh` reads now.
 */
export function useSessionList(query: SessionListQuery, project: string | undefined): SessionListState & { refresh: () => void } {
  const [state, setState] = useState<SessionListState & { settledPath: string | null }>({
    data: null,
    error: null,
    loading: true,
    updatedAt: null,
    settledPath: null,
  });
  const [round, setRound] = useState(0);
  // The path is the query's identity: a new object with the same filters must not refetch.
  const path = sessionListPath(query, project);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((previous) => ({ ...previous, loading: true }));
    fetchSessionList(query, abort.signal)
      .then(
        (data) => {
          if (!abort.signal.aborted) setState({ data, error: null, loading: false, updatedAt: Date.now(), settledPath: path });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setState((previous) => ({ ...previous, error: message, loading: false, settledPath: path }));
        },
      )
      .finally(() => {
        if (!abort.signal.aborted) timer = setTimeout(() => setRound((n) => n + 1), SESSION_REFRESH_INTERVAL_MS);
      });
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
    // `query` and `project` are captured through `path`, which changes exactly when they do.
  }, [path, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const { settledPath, ...shown } = state;
  // The render right after a filter changes comes before the effect that fetches for it:
  // the rows on screen are still the old query's, so the list is busy from that render on.
  return { ...shown, loading: shown.loading || settledPath !== path, refresh };
}
