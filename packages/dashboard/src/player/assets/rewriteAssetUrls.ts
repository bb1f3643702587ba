import { mapAssetRefs, type RrwebEvent } from '@gosight/shared';

/** Maps a URL the recording used to where GoSight serves its captured copy, or null when not captured. */
export type AssetResolver = (url: string) => string | null;

/** A resolver over a session's asset index (`GET /api/sessions/:id/assets`). */
export function assetResolver(index: Readonly<Record<string, { hash: string }>>, servedFrom: string): AssetResolver | null {
  if (Object.keys(index).length === 0) return null;
  return (url) => {
    let key: string;
    try {
      const parsed = new URL(url);
      parsed.hash = '';
      key = parsed.href;
    } catch {
      return null;
    }
    const asset = index[key];
    return asset ? `${servedFrom}/${asset.hash}` : null;
  };
}

/**
 * Points every URL the replay would load from the recorded site at GoSight's captured copy,
 * through the same walk the server captured with (`mapAssetRefs`). Runs once per fetched
 * chunk, before rrweb sees it, so that no request for the original is ever started. URLs
 * that were not captured are left alone (the replay's CSP stops them when capture is on).
 */
export function rewriteAssetUrls(events: readonly RrwebEvent[], resolve: AssetResolver): void {
  mapAssetRefs(events, (url) => resolve(url) ?? undefined);
}
