import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';

/** Attributes whose value is one resource URL, by element (any element when the list is empty). */
const URL_ATTRIBUTES: Record<string, readonly string[]> = { src: ['img', 'source', 'input', 'video', 'audio', 'track', 'embed'], poster: ['video'] };
/** `<link rel>` values whose `href` the replay loads. */
const LINK_RELS = /(^|\s)(stylesheet|icon|preload)(\s|$)/i;
/** Classes the SDK marks masked and blocked regions with: nothing inside is captured. */
const PRIVATE_CLASSES = /(^|\s)(gosight-mask|gosight-block)(\s|$)/;

/** `url(...)` in CSS text, quoted or not; `@import "..."` too. */
const CSS_URL = /url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/gi;

/** Every http(s) URL in CSS text, as written (absolute or relative to `base`), resolved against `base`. */
export function cssUrls(text: string, base?: string): { written: string; absolute: string }[] {
  const found: { written: string; absolute: string }[] = [];
  for (const match of text.matchAll(CSS_URL)) {
    const written = match[2] ?? match[4];
    const absolute = httpUrl(written, base);
    if (absolute) found.push({ written, absolute });
  }
  return found;
}

/** The URLs of a `srcset` value (candidates are "url descriptor", comma separated). */
export function srcsetUrls(value: string): string[] {
  return value.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0]).filter(Boolean);
}

/**
 * The images, stylesheets and fonts a batch's events make a replay load: `src`, `srcset`,
 * `poster` and `<link href>` of serialized and changed nodes, `url()` in styles and style
 * sheets (inlined `_cssText`, rules added later, adopted sheets), and web fonts the page
 * loaded by script. Only absolute http(s) URLs (rrweb records them absolute). Nothing under
 * a masked or blocked element. A walk of its own over events the processor already parsed:
 * chunk placement never reads attributes.
 */
export function collectAssetUrls(events: readonly RrwebEvent[]): Set<string> {
  const urls = new Set<string>();
  const add = (value: unknown) => {
    const url = typeof value === 'string' ? httpUrl(value) : undefined;
    if (url) urls.add(url);
  };
  const addCss = (text: unknown) => {
    if (typeof text === 'string') for (const { absolute } of cssUrls(text)) urls.add(absolute);
  };
  const addAttributes = (tag: string, attributes: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value !== 'string') continue;
      if (name === 'srcset') srcsetUrls(value).forEach(add);
      else if (name === 'style' || name === '_cssText') addCss(value);
      else if (name === 'href' && tag === 'link' && LINK_RELS.test(String(attributes.rel ?? 'stylesheet'))) add(value);
      else if (URL_ATTRIBUTES[name]?.includes(tag)) add(value);
    }
  };
  for (const event of events) {
    if (event.type === EventType.FullSnapshot) walkNodes((event.data as { node?: SerializedNode }).node, addAttributes, addCss);
    if (event.type !== EventType.IncrementalSnapshot) continue;
    const data = event.data as Record<string, unknown> & { source?: number };
    if (data.source === IncrementalSource.Mutation) {
      for (const added of (data.adds as { node?: SerializedNode }[] | undefined) ?? []) walkNodes(added.node, addAttributes, addCss);
      // Changed attributes: the tag is not in the event; URL-bearing names are checked on any element.
      for (const change of (data.attributes as { attributes?: Record<string, unknown> }[] | undefined) ?? []) {
        const attributes = change.attributes ?? {};
        for (const name of ['src', 'poster']) add(attributes[name]);
        if (typeof attributes.srcset === 'string') srcsetUrls(attributes.srcset).forEach(add);
        if (typeof attributes.style === 'string') addCss(attributes.style);
      }
    } else if (data.source === IncrementalSource.StyleSheetRule) {
      for (const rule of (data.adds as { rule?: unknown }[] | undefined) ?? []) addCss(rule.rule);
    } else if (data.source === IncrementalSource.AdoptedStyleSheet) {
      for (const sheet of (data.styles as { rules?: { rule?: unknown }[] }[] | undefined) ?? []) for (const rule of sheet.rules ?? []) addCss(rule.rule);
    } else if (data.source === IncrementalSource.StyleDeclaration) {
      addCss((data.set as { value?: unknown } | undefined)?.value);
    } else if (data.source === IncrementalSource.Font) {
      addCss(data.fontSource);
    }
  }
  return urls;
}

interface SerializedNode {
  tagName?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/** Iterative (a hostile snapshot may nest deeper than the stack), skipping masked and blocked subtrees. */
function walkNodes(root: SerializedNode | undefined, onElement: (tag: string, attributes: Record<string, unknown>) => void, onCss: (text: unknown) => void): void {
  const stack: (SerializedNode | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const attributes = node.attributes && typeof node.attributes === 'object' ? node.attributes : undefined;
    if (attributes && PRIVATE_CLASSES.test(String(attributes.class ?? ''))) continue;
    if (typeof node.tagName === 'string' && attributes) onElement(node.tagName.toLowerCase(), attributes);
    else if ((node as { textContent?: unknown }).textContent !== undefined && (node as { isStyle?: unknown }).isStyle) onCss((node as { textContent?: unknown }).textContent);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
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
