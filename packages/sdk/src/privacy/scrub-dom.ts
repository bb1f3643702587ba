import { REDACTED, redactUrl, type KeyMatcher } from '@gosight/shared';

/**
 * What the SDK removes from rrweb's serialized DOM, on top of rrweb's own masking (which
 * replaces masked text and input values, and keeps only the size of blocked elements):
 *   - secret parameters in every URL an attribute or CSS holds: link targets and form actions,
 *     and resources (`src`, `srcset`, `poster`, `<link href>`, `url()` in styles), so a
 *     resource whose parameters are not secret still loads in the replay;
 *   - the content of `<meta>` tags whose name looks secret (`csrf-token`, `api-key`);
 *   - the text-bearing attributes (`title`, `alt`, `aria-label`, `placeholder`, `value`,
 *     `data-*`) of masked elements and of everything inside them: masking text that an
 *     attribute repeats would be no masking.
 */
export interface DomScrubber {
  readonly isSensitive: KeyMatcher;
  /** Selector of masked regions: the mask class, `maskTextSelector`, and editable regions unless inputs are unmasked. */
  readonly maskSelector: string;
  /** The live node rrweb serialized under this id (rrweb's mirror), null if unknown. */
  readonly nodeById: (id: number) => Node | null;
}

/** rrweb-snapshot's NodeType. */
const ELEMENT_NODE = 2;
const TEXT_NODE = 3;

interface SerializedNode {
  type?: number;
  id?: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: unknown;
  isStyle?: boolean;
}

/** Attributes that hold one URL, whatever the element. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'background', 'data', 'xlink:href', 'ping', 'cite'];
/** Attributes that repeat text a person reads or typed. */
const TEXT_ATTRIBUTES = new Set(['title', 'alt', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-placeholder', 'placeholder', 'value', 'label']);
/** Names of `<meta>` tags whose content is always read as a secret when the name looks like one. */
const META_NAME_ATTRIBUTES = ['name', 'property', 'http-equiv', 'itemprop'];

/** Scrubs a FullSnapshot's tree. */
export function scrubSnapshot(root: unknown, scrubber: DomScrubber): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SerializedNode | null | undefined;
    if (!node || typeof node !== 'object') continue;
    scrubNode(node, scrubber);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
}

/** Scrubs a Mutation event: added nodes, changed attributes, and changed text of style elements. */
export function scrubMutation(data: unknown, scrubber: DomScrubber): void {
  const d = data as { adds?: { node?: SerializedNode }[]; attributes?: { id?: number; attributes?: Record<string, unknown> }[]; texts?: { value?: unknown }[] };
  if (Array.isArray(d.adds)) for (const add of d.adds) if (add && add.node) scrubNode(add.node, scrubber);
  if (Array.isArray(d.attributes)) {
    for (const change of d.attributes) {
      if (change && change.attributes && typeof change.attributes === 'object') scrubAttributes(change.attributes, change.id, scrubber, '');
    }
  }
  // A style element's text is CSS; other text is masked (or not) by rrweb.
  if (Array.isArray(d.texts)) for (const text of d.texts) if (text && typeof text.value === 'string') text.value = redactCssUrls(text.value, scrubber.isSensitive);
}

/** Scrubs CSS text: a StyleSheetRule's rules, a StyleDeclaration's value, an adopted sheet's rules. */
export function redactCssUrls(css: string, isSensitive: KeyMatcher): string {
  if (css.indexOf('url(') === -1 || !mayHoldSecret(css)) return css;
  return css.replace(/url\(\s*(["']?)([^"')]*)\1\s*\)/g, (match, quote: string, url: string) => {
    const clean = redactUrl(url, isSensitive);
    return clean === url ? match : `url(${quote}${clean}${quote})`;
  });
}

function scrubNode(node: SerializedNode, scrubber: DomScrubber): void {
  if (node.type === TEXT_NODE && typeof node.textContent === 'string' && node.isStyle) {
    node.textContent = redactCssUrls(node.textContent, scrubber.isSensitive);
  } else if (node.type === ELEMENT_NODE && node.attributes && typeof node.attributes === 'object') {
    scrubAttributes(node.attributes, node.id, scrubber, typeof node.tagName === 'string' ? node.tagName : '');
  }
}

function scrubAttributes(attributes: Record<string, unknown>, id: unknown, scrubber: DomScrubber, tagName: string): void {
  const { isSensitive } = scrubber;
  let masked: boolean | undefined;
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (name === 'style' && value && typeof value === 'object') scrubStyleDiff(value as Record<string, unknown>, isSensitive);
    if (typeof value !== 'string' || value === '') continue;
    if (name === 'srcset' || name === 'imagesrcset') attributes[name] = redactSrcset(value, isSensitive);
    else if (name === 'style' || name === '_cssText') attributes[name] = redactCssUrls(value, isSensitive);
    else if (URL_ATTRIBUTES.includes(name)) attributes[name] = redactUrl(value, isSensitive);
    if (name === 'content' && isSecretMeta(attributes, id, tagName, scrubber)) {
      attributes[name] = REDACTED;
    } else if (TEXT_ATTRIBUTES.has(name) || name.startsWith('data-')) {
      masked ??= isMasked(id, scrubber);
      if (masked) attributes[name] = (attributes[name] as string).replace(/\S/g, '*');
    }
  }
}

/** rrweb records a changed style attribute as a diff: `{ prop: value | [value, priority] | false }`. */
function scrubStyleDiff(diff: Record<string, unknown>, isSensitive: KeyMatcher): void {
  for (const prop of Object.keys(diff)) {
    const value = diff[prop];
    if (typeof value === 'string') diff[prop] = redactCssUrls(value, isSensitive);
    else if (Array.isArray(value) && typeof value[0] === 'string') value[0] = redactCssUrls(value[0], isSensitive);
  }
}

/** Inside a masked region of the live page; true when the node cannot be found (fail closed). */
function isMasked(id: unknown, scrubber: DomScrubber): boolean {
  try {
    const node = typeof id === 'number' ? scrubber.nodeById(id) : null;
    if (!node) return true;
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return element !== null && element.closest(scrubber.maskSelector) !== null;
  } catch {
    return true;
  }
}

/** A `<meta>` whose name looks secret; a changed `content` (no tag name in the change) is checked on the live element. */
function isSecretMeta(attributes: Record<string, unknown>, id: unknown, tagName: string, scrubber: DomScrubber): boolean {
  let names: Record<string, unknown> = attributes;
  if (tagName === '') {
    const node = typeof id === 'number' ? scrubber.nodeById(id) : null;
    if (!node || node.nodeName.toLowerCase() !== 'meta') return false;
    names = {};
    for (const name of META_NAME_ATTRIBUTES) names[name] = (node as Element).getAttribute(name);
  } else if (tagName !== 'meta') {
    return false;
  }
  return META_NAME_ATTRIBUTES.some((name) => typeof names[name] === 'string' && scrubber.isSensitive(names[name] as string));
}

/** `a.png?sig=1 1x, b.png?sig=2 2x`: each candidate's URL redacted, descriptors kept. */
function redactSrcset(srcset: string, isSensitive: KeyMatcher): string {
  if (!mayHoldSecret(srcset)) return srcset;
  return srcset.split(',').map((candidate) => candidate.replace(/\S+/, (url) => redactUrl(url, isSensitive))).join(',');
}

/** A URL can only carry a secret parameter or password after `?`, `#` or `@`. */
const mayHoldSecret = (text: string): boolean => text.indexOf('?') !== -1 || text.indexOf('#') !== -1 || text.indexOf('@') !== -1;
