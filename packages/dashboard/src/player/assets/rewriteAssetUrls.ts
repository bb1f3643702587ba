import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';

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

const CSS_URL = /url\(\s*(['"]?)([^'")\s]+)\1\s*\)/gi;
const URL_ATTRIBUTES = new Set(['src', 'poster']);

/**
 * Points every URL the replay would load from the recorded site at GoSight's captured copy:
 * `src`, `srcset`, `poster`, `<link href>`, and `url()` in style attributes, inlined and
 * added style sheets, adopted sheets and script-loaded fonts. Runs once per fetched chunk,
 * before rrweb sees it, so that no request for the original is ever started. URLs that were
 * not captured are left alone (the replay's CSP stops them when capture is on).
 */
export function rewriteAssetUrls(events: readonly RrwebEvent[], resolve: AssetResolver): void {
  const css = (text: string) => text.replace(CSS_URL, (whole, quote: string, url: string) => {
    const captured = resolve(url);
    return captured ? `url(${quote}${captured}${quote})` : whole;
  });
  const srcset = (value: string) => value.split(/,\s+/).map((candidate) => {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    return [resolve(url) ?? url, ...descriptor].join(' ');
  }).join(', ');
  const attributes = (tag: string | undefined, attrs: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (typeof value !== 'string') continue;
      if (name === 'srcset') attrs[name] = srcset(value);
      else if (name === 'style' || name === '_cssText') attrs[name] = css(value);
      else if (URL_ATTRIBUTES.has(name) || (name === 'href' && tag === 'link')) attrs[name] = resolve(value) ?? value;
    }
  };
  for (const event of events) {
    if (event.type === EventType.FullSnapshot) walk((event.data as { node?: Node }).node, attributes, css);
    if (event.type !== EventType.IncrementalSnapshot) continue;
    const data = event.data as Record<string, unknown> & { source?: number };
    if (data.source === IncrementalSource.Mutation) {
      for (const added of (data.adds as { node?: Node }[] | undefined) ?? []) walk(added.node, attributes, css);
      for (const change of (data.attributes as { attributes?: Record<string, unknown> }[] | undefined) ?? []) {
        if (change.attributes) attributes(undefined, change.attributes);
      }
    } else if (data.source === IncrementalSource.StyleSheetRule) {
      for (const add of (data.adds as { rule?: unknown }[] | undefined) ?? []) if (typeof add.rule === 'string') add.rule = css(add.rule);
    } else if (data.source === IncrementalSource.AdoptedStyleSheet) {
      for (const sheet of (data.styles as { rules?: { rule?: unknown }[] }[] | undefined) ?? []) {
        for (const rule of sheet.rules ?? []) if (typeof rule.rule === 'string') rule.rule = css(rule.rule);
      }
    } else if (data.source === IncrementalSource.StyleDeclaration) {
      const set = data.set as { value?: unknown } | undefined;
      if (set && typeof set.value === 'string') set.value = css(set.value);
    } else if (data.source === IncrementalSource.Font && typeof data.fontSource === 'string') {
      data.fontSource = css(data.fontSource);
    }
  }
}

interface Node {
  tagName?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: Node[];
  textContent?: unknown;
  isStyle?: unknown;
}

function walk(root: Node | undefined, onAttributes: (tag: string | undefined, attrs: Record<string, unknown>) => void, css: (text: string) => string): void {
  const stack: (Node | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (node.attributes && typeof node.attributes === 'object') onAttributes(typeof node.tagName === 'string' ? node.tagName : undefined, node.attributes);
    if (node.isStyle && typeof node.textContent === 'string') node.textContent = css(node.textContent);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
}
