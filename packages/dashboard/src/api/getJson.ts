import { ApiError } from './ApiError.js';

/** Fired on window when any API answer says the login is missing or has expired. */
export const UNAUTHENTICATED_EVENT = 'gosight:unauthenticated';

/**
 * GETs a JSON document from the GoSight API, throwing `ApiError` on an error status.
 * Chunk bodies arrive gzip-compressed with `Content-Encoding: gzip`; the browser inflates
 * them before `json()` sees them.
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    // A login that expired (or was revoked) mid-visit: the app shows the login page.
    if (response.status === 401 && typeof window !== 'undefined') window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw await ApiError.fromResponse(response);
  }
  return (await response.json()) as T;
}
