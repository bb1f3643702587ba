/**
 * The part of a recorded URL worth showing in a table: path, query and hash, without the
 * origin. Anything that does not parse as an absolute URL is shown as it is.
 */
export function urlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}
