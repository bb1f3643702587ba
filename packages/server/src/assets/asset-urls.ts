import { mapAssetRefs, mapCssUrls, mapSrcset, type RrwebEvent } from '@gosight/shared';

/** Every http(s) URL in CSS text (`url()`, `@import`), as written and resolved against `base`. */
export function cssUrls(text: string, base?: string): { written: string; absolute: string }[] {
  const found: { written: string; absolute: string }[] = [];
  mapCssUrls(text, (written) => {
    const absolute = httpUrl(written, base);
    if (absolute) found.push({ written, absolute });
    return undefined;
  });
  return found;
}

/** The URLs of a `srcset` value. */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  mapSrcset(value, (url) => void urls.push(url));
  return urls;
}

/**
 * The images, stylesheets and fonts a batch's events make a replay load (the shared
 * `mapAssetRefs` walk: nothing under a masked or blocked element), as absolute http(s) URLs
 * without fragment (rrweb records them absolute). A walk of its own over events the
 * processor already parsed: chunk placement never reads attributes.
 */
export function collectAssetUrls(events: readonly RrwebEvent[]): Set<string> {
  const urls = new Set<string>();
  mapAssetRefs(events, (value) => {
    const url = httpUrl(value);
    if (url) urls.add(url);
    return undefined;
  });
  return urls;
}

function httpUrl(value: string, base?: string): string | undefined {
  if (value.startsWith('data:') || value.startsWith('blob:')) return undefined;
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
