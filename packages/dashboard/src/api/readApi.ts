import {
  chunkPath,
  eventsPath,
  mapsPath,
  storyPath,
  type PageMap,
  type PageMapQuery,
  type SessionStory,
  manifestPath,
  sessionsPath,
  type ReplayManifest,
  type RrwebEvent,
  type SessionEventsResponse,
  type SessionListQuery,
  type SessionListResponse,
} from '@gosight/shared';
import { sessionListPath } from '../sessions/sessionFilters.js';
import { ApiError } from './ApiError.js';
import { getJson } from './getJson.js';
import { currentProject } from './currentProject.js';

/** `GET /api/sessions?…`: one page of sessions, filtered and sorted as the query says. */
export const fetchSessionList = (query: SessionListQuery, signal?: AbortSignal): Promise<SessionListResponse> =>
  getJson(sessionListPath(query, currentProject()), signal);

/** `GET …/sessions/:id/replay` (of the current project): the chunk list of one session. */
export const fetchManifest = (sessionId: string, signal?: AbortSignal): Promise<ReplayManifest> =>
  getJson(manifestPath(sessionId, currentProject()), signal);

/** `GET …/sessions/:id/story`: the session told in steps, each at its moment. */
export const fetchSessionStory = (sessionId: string, signal?: AbortSignal): Promise<SessionStory> =>
  getJson(storyPath(sessionId, currentProject()), signal);

/** `GET …/maps?url=&…`: click and scroll maps of a page. */
export const fetchPageMap = (query: PageMapQuery, signal?: AbortSignal): Promise<PageMap> => {
  const params = new URLSearchParams({ url: query.url });
  if (query.from !== undefined) params.set('from', String(query.from));
  if (query.to !== undefined) params.set('to', String(query.to));
  if (query.device) params.set('device', query.device);
  if (query.minViewportWidth !== undefined) params.set('minViewportWidth', String(query.minViewportWidth));
  if (query.maxViewportWidth !== undefined) params.set('maxViewportWidth', String(query.maxViewportWidth));
  return getJson(`${mapsPath(currentProject())}?${params}`, signal);
};

/** `GET /api/sessions/:id/events`: derived events and inactive ranges, without loading the replay. */
export const fetchSessionEvents = (sessionId: string, signal?: AbortSignal): Promise<SessionEventsResponse> =>
  getJson(eventsPath(sessionId, currentProject()), signal);

/**
 * `GET /api/sessions/:id/replay/chunks/:index`: one chunk's rrweb events, in time order. A
 * chunk holds its events in the order they arrived (the server appends, never rewrites), so
 * a batch that came late is sorted into place here; the sort is stable, so events with the
 * same timestamp keep rrweb's order.
 */
export const fetchChunkEvents = async (sessionId: string, index: number, signal?: AbortSignal): Promise<RrwebEvent[]> => {
  const events = await getJson<unknown>(chunkPath(sessionId, index, currentProject()), signal);
  if (!Array.isArray(events)) throw new Error(`Chunk ${index} is not a JSON array of events.`);
  return inTimeOrder(events as RrwebEvent[]);
};

function inTimeOrder(events: RrwebEvent[]): RrwebEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i].timestamp < events[i - 1].timestamp) return events.sort((a, b) => a.timestamp - b.timestamp);
  }
  return events;
}

/** Where a session's captured assets are served; the player points the replay there. */
export const assetsPath = (sessionId: string): string => `${sessionsPath(currentProject())}/${encodeURIComponent(sessionId)}/assets`;

/**
 * `GET /api/sessions/:id/assets`: the session's captured assets by URL. Empty when asset
 * capture is off (the route does not exist then).
 */
export const fetchAssetIndex = async (sessionId: string, signal?: AbortSignal): Promise<Record<string, { hash: string }>> => {
  try {
    return (await getJson<{ assets: Record<string, { hash: string }> }>(assetsPath(sessionId), signal)).assets ?? {};
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return {};
    throw error;
  }
};
