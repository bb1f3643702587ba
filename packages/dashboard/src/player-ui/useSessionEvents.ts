import { useEffect, useState } from 'react';
import type { SessionEventsResponse } from '@gosight/shared';
import { fetchSessionEvents } from '../api/readApi.js';

export interface SessionEventsState {
  data: SessionEventsResponse | null;
  error: string | null;
}

/**
 * The session's derived events (markers, console, network, inactivity), requested once
 * `start` turns true: the page passes "first frame shown (or failed)", so the request never
 * competes with the replay's own. The player works without them if the request fails.
 */
export function useSessionEvents(sessionId: string, start: boolean): SessionEventsState {
  const [state, setState] = useState<SessionEventsState>({ data: null, error: null });
  useEffect(() => {
    if (!start) return;
    const abort = new AbortController();
    setState({ data: null, error: null });
    fetchSessionEvents(sessionId, abort.signal).then(
      (data) => setState({ data, error: null }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ data: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => abort.abort();
  }, [sessionId, start]);
  return state;
}
