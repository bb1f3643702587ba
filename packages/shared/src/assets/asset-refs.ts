import { EventType, IncrementalSource, type RrwebEvent } from '../rrweb-events.js';

/**
 * Every place in rrweb events where a replay loads an asset (image, stylesheet, font), in one
 * walk shared by the server (which collects the URLs to capture) and the player (which points
 * them at the captured copies), so both always agree on what an asset reference is.
 */

/** Given a URL as written, returns a replacement, or undefined to leave it (and just look). */
export type MapUrl = (url: string) => string | undefined;

/** `url(...)`, quoted or not, and `@import "..."` in CSS text. */
const CSS_URL = /url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/gi;
/** Attributes whose value is one resource URL, by element. */
const URL_ATTRIBUTES: Record<string, readonly string[]> = { src: ['img', 'source', 'input', 'video', 'audio', 'track', 'embed'], poster: ['video'] };
/** `<link rel>` values whose `href` the replay loads. */
const LINK_RELS = /(^|\s)(stylesheet|icon|preload)(\s|$)/i;
/** Classes the SDK marks masked and blocked regions with: nothing inside is an asset to capture. */
const PRIVATE_CLASSES = /(^|\s)(gosight-mask|gosight-block)(\s|$)/;

/** Visits every URL in CSS text; replaces those `map` answers for, keeping quotes. */
export function mapCssUrls(text: string, map: MapUrl): string {
  return text.replace(CSS_URL, (whole, quote: string | undefined, url: string | undefined, importQuote: string | undefined, imported: string | undefined) => {
    if (url !== undefined) {
      const next = map(url);
      return next === undefined ? whole : `url(${quote}${next}${quote})`;
    }
    const next = map(imported as string);
    return next === undefined ? whole : `@import ${importQuote}${next}${importQuote}`;
  });
}

/** Visits every candidate URL of a `srcset` ("url descriptor, …"); replaces those `map` answers for. */
export function mapSrcset(value: string, map: MapUrl): string {
  return value.split(/,\s+/).map((candidate) => {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    return url ? [map(url) ?? url, ...descriptor].join(' ') : candidate;
  }).join(', ');
}

/**
 * Visits every asset URL in `events`, in place: `src`, `srcset`, `poster` and
 * `<link rel=stylesheet|icon|preload href>` of serialized and changed nodes, and `url()` /
 * `@import` in style attributes, style text, inlined sheets (`_cssText`), rules added through
 * the CSSOM, adopted sheets and fonts loaded by script. Masked and blocked subtrees are
 * skipped. Where `map` returns a string the event is rewritten; an unchanged event is not.
 */
export function mapAssetRefs(events: readonly RrwebEvent[], map: MapUrl): void {
  const css = (text: unknown): unknown => (typeof text === 'string' ? mapCssUrls(text, map) : text);
  const one = (value: unknown): unknown => (typeof value === 'string' ? map(value) ?? value : value);
  const elementAttributes = (tag: string, attributes: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value !== 'string') continue;
      if (name === 'srcset') attributes[name] = mapSrcset(value, map);
      else if (name === 'style' || name === '_cssText') attributes[name] = css(value);
      else if (name === 'href' && tag === 'link' && LINK_RELS.test(String(attributes.rel ?? 'stylesheet'))) attributes[name] = one(value);
      else if (URL_ATTRIBUTES[name]?.includes(tag)) attributes[name] = one(value);
    }
  };
  for (const event of events) {
    if (event.type === EventType.FullSnapshot) walkNodes((event.data as { node?: SerializedNode }).node, elementAttributes, css);
    if (event.type !== EventType.IncrementalSnapshot) continue;
    const data = event.data as Record<string, unknown> & { source?: number };
    if (data.source === IncrementalSource.Mutation) {
      for (const added of (data.adds as { node?: SerializedNode }[] | undefined) ?? []) walkNodes(added.node, elementAttributes, css);
      // Changed attributes: the tag is not in the event, so URL-bearing names count on any element.
      for (const change of (data.attributes as { attributes?: Record<string, unknown> }[] | undefined) ?? []) {
        const attributes = change.attributes;
        if (!attributes || typeof attributes !== 'object') continue;
        for (const name of ['src', 'poster']) if (typeof attributes[name] === 'string') attributes[name] = one(attributes[name]);
        if (typeof attributes.srcset === 'string') attributes.srcset = mapSrcset(attributes.srcset, map);
        if (typeof attributes.style === 'string') attributes.style = css(attributes.style);
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

interface SerializedNode {
  tagName?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: unknown;
  isStyle?: unknown;
}

/** Iterative (a hostile snapshot may nest deeper than the stack allows). */
function walkNodes(root: SerializedNode | undefined, onElement: (tag: string, attributes: Record<string, unknown>) => void, css: (text: unknown) => unknown): void {
  const stack: (SerializedNode | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const attributes = node.attributes && typeof node.attributes === 'object' ? node.attributes : undefined;
    if (attributes && PRIVATE_CLASSES.test(String(attributes.class ?? ''))) continue;
    if (typeof node.tagName === 'string' && attributes) onElement(node.tagName.toLowerCase(), attributes);
    else if (node.isStyle && typeof node.textContent === 'string') node.textContent = css(node.textContent);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
}
