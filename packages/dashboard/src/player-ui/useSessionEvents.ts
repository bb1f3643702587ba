import type { SessionEventsResponse } from '@gosight/shared';
import { fetchSessionEvents } from '../api/readApi.js';
import { useApiResource } from '../api/useApiResource.js';

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
  const { data, error } = useApiResource(start ? sessionId : null, (signal) => fetchSessionEvents(sessionId, signal));
  return { data, error };
}
