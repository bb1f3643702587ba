import {
  chunkPath,
  manifestPath,
  SESSIONS_PATH,
  type ReplayManifest,
  type RrwebEvent,
  type SessionListResponse,
} from '@gosight/shared';
import { getJson } from './getJson.js';

/** `GET /api/sessions`: one page of sessions, newest first. */
export const fetchSessionList = (limit: number, offset: number, signal?: AbortSignal): Promise<SessionListResponse> =>
  getJson(`${SESSIONS_PATH}?limit=${limit}&offset=${offset}`, signal);

/** `GET /api/sessions/:id/replay`: the chunk list of one session. */
export const fetchManifest = (sessionId: string, signal?: AbortSignal): Promise<ReplayManifest> =>
  getJson(manifestPath(sessionId), signal);

/** `GET /api/sessions/:id/replay/chunks/:index`: one chunk's rrweb events. */
export const fetchChunkEvents = async (sessionId: string, index: number, signal?: AbortSignal): Promise<RrwebEvent[]> => {
  const events = await getJson<unknown>(chunkPath(sessionId, index), signal);
  if (!Array.isArray(events)) throw new Error(`Chunk ${index} is not a JSON array of events.`);
  return events as RrwebEvent[];
};
