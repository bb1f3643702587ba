import { redactUrl } from './redact-url.js';
import type { KeyMatcher } from './sensitive-key.js';

/** rrweb-snapshot's NodeType.Element. */
const ELEMENT_NODE = 2;
/** The attribute that holds a navigation URL (password-reset and magic links carry tokens). */
function linkAttribute(tagName: unknown): string | undefined {
  if (tagName === 'a' || tagName === 'area') return 'href';
  return tagName === 'form' ? 'action' : undefined;
}

interface SerializedNode {
  type?: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/**
 * Redacts secret query parameters in link targets of a serialized DOM (a FullSnapshot's
 * node). Resource URLs (img, script, stylesheet) are left alone: the replay must load them.
 */
export function redactSnapshotLinks(root: unknown, isSensitive: KeyMatcher): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SerializedNode | null | undefined;
    if (!node || typeof node !== 'object') continue;
    if (node.type === ELEMENT_NODE) redactLinkAttribute(node, isSensitive);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
  }
}

/** The same for a Mutation event: added nodes, and changed href/action attributes. */
export function redactMutationLinks(data: unknown, isSensitive: KeyMatcher): void {
  const d = data as { adds?: { node?: SerializedNode }[]; attributes?: { attributes?: Record<string, unknown> }[] };
  if (Array.isArray(d.adds)) {
    // Runs for every added node of every mutation: a cheap tag test before anything else.
    for (const add of d.adds) {
      const node = add && add.node;
      if (node && node.type === ELEMENT_NODE && (node.tagName === 'a' || node.tagName === 'form' || node.tagName === 'area')) {
        redactLinkAttribute(node, isSensitive);
      }
    }
  }
  if (Array.isArray(d.attributes)) {
    for (const change of d.attributes) {
      const attributes = change && change.attributes;
      if (!attributes) continue;
      if (typeof attributes.href === 'string') attributes.href = redactUrl(attributes.href, isSensitive);
      if (typeof attributes.action === 'string') attributes.action = redactUrl(attributes.action, isSensitive);
    }
  }
}

function redactLinkAttribute(node: SerializedNode, isSensitive: KeyMatcher): void {
  const name = linkAttribute(node.tagName);
  if (!name || !node.attributes) return;
  const value = node.attributes[name];
  if (typeof value === 'string') node.attributes[name] = redactUrl(value, isSensitive);
}
