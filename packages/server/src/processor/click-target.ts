import type { ClickTarget } from '@gosight/shared';
import type { DomMirror, MirrorNode } from './dom-mirror.js';

/** Elements a person means when they click inside them. */
const INTERACTIVE_TAGS = new Set(['a', 'button', 'input', 'select', 'textarea', 'label', 'summary', 'option']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'checkbox', 'radio', 'switch', 'option', 'treeitem']);
/** How far up from the node under the pointer an interactive element is looked for. */
const MAX_CLIMB = 6;
const TEXT_CHARS = 100;
const LABEL_CHARS = 200;
/** Text nodes read under a target (a click on `<body>` must not read the whole page). */
const MAX_TEXT_NODES = 200;
const MAX_CLASSES = 16;
/** Tag names are short; a recorded one is whatever a client sent. */
const MAX_TAG_CHARS = 64;
const MAX_PATH_DEPTH = 32;
const SELECTOR_CHARS = 1_024;
/** Inputs whose `value` is their visible caption rather than what someone typed. */
const CAPTION_INPUT_TYPES = new Set(['submit', 'button', 'reset']);
const FORM_FIELDS = new Set(['input', 'select', 'textarea']);
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'head']);
/** Ids and classes that can stand in a selector path unescaped. */
const PLAIN_NAME = /^[A-Za-z_-][A-Za-z0-9_:/-]*$/;

/** Whether text is what masking left (rrweb's `*`s, the SDK's redaction marker) or nothing. */
export function isMaskedOrEmpty(text: string): boolean {
  return /^[\s*]*$/.test(text) || text.includes('[REDACTED]');
}

const collapse = (s: string, max: number): string => s.replace(/\s+/g, ' ').trim().slice(0, max);

/** The element a click on `nodeId` hit, as the mirror shows it now; undefined if unknown. */
export function clickTarget(mirror: DomMirror, nodeId: number): ClickTarget | undefined {
  let node = mirror.get(nodeId);
  if (node && node.tag === undefined) node = mirror.parentOf(node);
  if (!node || node.tag === undefined) return undefined;
  let climb: MirrorNode | undefined = node;
  for (let i = 0; climb && climb.tag !== undefined && i <= MAX_CLIMB; i++, climb = mirror.parentOf(climb)) {
    if (isInteractive(climb)) {
      node = climb;
      break;
    }
  }
  const attr = (name: string) => node!.attributes?.get(name) ?? '';
  // A form field is named by its label, else its placeholder or name.
  const names = FORM_FIELDS.has(node.tag!)
    ? [attr('aria-label'), attr('title'), fieldLabel(mirror, node), attr('placeholder'), attr('name')]
    : [attr('aria-label'), attr('title'), attr('alt')];
  const label = names.find((v) => v.trim() !== '' && !isMaskedOrEmpty(v)) ?? '';
  return {
    tag: node.tag!.slice(0, MAX_TAG_CHARS),
    id: attr('id').slice(0, LABEL_CHARS),
    classes: classesOf(node).slice(0, MAX_CLASSES),
    text: visibleText(mirror, node),
    ariaLabel: collapse(label, LABEL_CHARS),
    selector: selectorPath(mirror, node),
  };
}

/** The text of the `<label>` that names a form field: by its id, or around it. */
function fieldLabel(mirror: DomMirror, field: MirrorNode): string {
  const id = field.attributes?.get('id');
  const byId = id ? mirror.labelFor(id) : undefined;
  if (byId) return visibleText(mirror, byId);
  for (let node = mirror.parentOf(field), i = 0; node && node.tag !== undefined && i < MAX_CLIMB; node = mirror.parentOf(node), i++) {
    if (node.tag === 'label') return visibleText(mirror, node);
  }
  return '';
}

function isInteractive(node: MirrorNode): boolean {
  return INTERACTIVE_TAGS.has(node.tag!) || INTERACTIVE_ROLES.has(node.attributes?.get('role') ?? '');
}

function classesOf(node: MirrorNode): string[] {
  const raw = node.attributes?.get('class') ?? '';
  return [...new Set(raw.split(/\s+/).filter((c) => c !== '' && c.length <= 100))];
}

/**
 * The element's text as a person reads it: its text nodes in order, masked ones left out.
 * Form fields show what was typed, which is never taken; buttons made of inputs show their value.
 */
function visibleText(mirror: DomMirror, element: MirrorNode): string {
  if (element.tag === 'input') {
    const value = element.attributes?.get('value') ?? '';
    return CAPTION_INPUT_TYPES.has(element.attributes?.get('type') ?? '') && !isMaskedOrEmpty(value) ? collapse(value, TEXT_CHARS) : '';
  }
  if (element.tag === 'textarea' || element.tag === 'select') return '';
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const stack = [...element.children].reverse();
  while (stack.length > 0 && visited < MAX_TEXT_NODES && length < TEXT_CHARS) {
    const node = mirror.get(stack.pop()!);
    visited++;
    if (!node) continue;
    if (node.text !== undefined) {
      if (!isMaskedOrEmpty(node.text)) {
        parts.push(node.text);
        length += node.text.length;
      }
    } else if (node.tag === undefined || !NOT_SHOWN.has(node.tag)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return collapse(parts.join(' '), TEXT_CHARS);
}

/** `tag#id.class` for each element from the root down, classes sorted (what selector search matches). */
function selectorPath(mirror: DomMirror, element: MirrorNode): string {
  const segments: string[] = [];
  for (let node: MirrorNode | undefined = element; node && segments.length < MAX_PATH_DEPTH; node = mirror.parentOf(node)) {
    if (node.tag === undefined) continue;
    const id = node.attributes?.get('id') ?? '';
    const classes = classesOf(node).filter((c) => PLAIN_NAME.test(c)).sort();
    segments.push(`${node.tag.replace(/[^a-z0-9-]/g, '').slice(0, MAX_TAG_CHARS)}${PLAIN_NAME.test(id) ? `#${id}` : ''}${classes.map((c) => `.${c}`).join('')}`);
  }
  const path = segments.reverse().join(' > ');
  // Cut from the root end: the element itself is what a selector must match.
  return path.length <= SELECTOR_CHARS ? path : path.slice(path.length - SELECTOR_CHARS).replace(/^[^>]*> /, '');
}

/** How a story or a timeline names the element: its label, its text, then what identifies it. */
export function targetName(target: ClickTarget): string {
  if (target.ariaLabel) return target.ariaLabel;
  if (target.text) return target.text;
  if (target.id) return `${target.tag}#${target.id}`;
  return target.classes.length > 0 ? `${target.tag}.${target.classes[0]}` : target.tag;
}
