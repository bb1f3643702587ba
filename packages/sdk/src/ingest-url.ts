import { INGEST_PATH, PROJECT_KEY_QUERY } from '@gosight/shared';

/**
 * `${endpoint}/v1/replay`, plus `?key=` when the request cannot carry headers (sendBeacon).
 * `endpoint` is already normalized by resolveConfig (no trailing slash).
 */
export function buildIngestUrl(endpoint: string, projectKeyInQuery?: string): string {
  const url = endpoint + INGEST_PATH;
  if (projectKeyInQuery === undefined) return url;
  return `${url}?${PROJECT_KEY_QUERY}=${encodeURIComponent(projectKeyInQuery)}`;
}
