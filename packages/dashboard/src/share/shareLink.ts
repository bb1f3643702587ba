/** Query parameter holding the playback offset of a shared link: `/sessions/:id?t=<ms>`. */
export const START_OFFSET_PARAM = 't';

/** The offset a link asks the player to open at, or null when it has none or it is not a number. */
export function parseStartOffset(search: string): number | null {
  const raw = new URLSearchParams(search).get(START_OFFSET_PARAM);
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/** A link that opens the session (of `project`, when given) paused at `offsetMs` (whole milliseconds). */
export function shareLink(origin: string, sessionId: string, offsetMs: number, project?: string): string {
  const offset = Math.max(0, Math.floor(offsetMs));
  const projectParam = project ? `&project=${encodeURIComponent(project)}` : '';
  return `${origin}/sessions/${encodeURIComponent(sessionId)}?${START_OFFSET_PARAM}=${offset}${projectParam}`;
}
