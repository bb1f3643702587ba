import { ApiError } from './ApiError.js';

/**
 * Sends a JSON body to the GoSight API (POST, PATCH, PUT, DELETE) and returns its JSON
 * answer, throwing `ApiError` on an error status. The browser adds the `Origin` header
 * the server checks on every state change.
 */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await ApiError.fromResponse(response);
  return (await response.json()) as T;
}
