/**
 * A small copy of the recorded page's DOM, kept while a chunk's events are derived, so a
 * click can be resolved to the element it hit (its tag, id, classes, text, label and path).
 * Built from the chunk's full snapshot and replayed mutations, holding only what that
 * needs: tree links, tag names, a few attributes, and text.
 *
 * Every shape is checked as it is read: the events come from visitors' browsers. Walks are
 * iterative (a snapshot can be thousands of levels deep) and bounded.
 */

/** rrweb-snapshot's NodeType. */
const ELEMENT = 2;
const TEXT = 3;

/** The attributes a click target reads; the rest are not kept. */
const KEPT_ATTRIBUTES = new Set(['id', 'class', 'aria-label', 'title', 'alt', 'role', 'type', 'value', 'name', 'placeholder', 'for', 'href']);

export interface MirrorNode {
  id: number;
  parent: number | undefined;
  /** Lower-case tag name for elements; undefined for text and other nodes. */
  tag: string | undefined;
  attributes: Map<string, string> | undefined;
  /** Text of text nodes (masked text is rrweb's `*`s). */
  text: string | undefined;
  children: number[];
}

interface SerializedNode {
  type?: unknown;
  id?: unknown;
  tagName?: unknown;
  attributes?: unknown;
  childNodes?: unknown;
  textContent?: unknown;
  isStyle?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

export class DomMirror {
  private readonly nodes = new Map<number, MirrorNode>();
  /** The document node's id: scrolls of it are the page's scroll. */
  rootId: number | undefined;
  /** `<label for=…>` elements by the id they name; built when first asked, dropped at any change. */
  private labels: Map<string, MirrorNode> | undefined;

  /** Starts again from a full snapshot's tree. */
  reset(root: unknown): void {
    this.labels = undefined;
    this.nodes.clear();
    this.rootId = undefined;
    if (!isRecord(root)) return;
    this.rootId = idOf(root.id);
    this.addTree(root as SerializedNode, undefined, undefined);
  }

  get(id: number): MirrorNode | undefined {
    return this.nodes.get(id);
  }

  /** The `<label>` naming the element with this id, if any. */
  labelFor(id: string): MirrorNode | undefined {
    if (!this.labels) {
      this.labels = new Map();
      for (const node of this.nodes.values()) {
        const target = node.tag === 'label' ? node.attributes?.get('for') : undefined;
        if (target && !this.labels.has(target)) this.labels.set(target, node);
      }
    }
    return this.labels.get(id);
  }

  parentOf(node: MirrorNode): MirrorNode | undefined {
    return node.parent === undefined ? undefined : this.nodes.get(node.parent);
  }

  /** Applies an rrweb Mutation's data: removes, then adds, then text and attribute changes (rrweb's order). */
  applyMutation(data: Record<string, unknown>): void {
    this.labels = undefined;
    if (Array.isArray(data.removes)) {
      for (const r of data.removes) if (isRecord(r)) this.remove(idOf(r.id));
    }
    if (Array.isArray(data.adds)) {
      for (const a of data.adds) {
        if (!isRecord(a) || !isRecord(a.node)) continue;
        const parentId = idOf(a.parentId);
        if (parentId === undefined || !this.nodes.has(parentId)) continue;
        this.addTree(a.node as SerializedNode, parentId, idOf(a.nextId));
      }
    }
    if (Array.isArray(data.texts)) {
      for (const t of data.texts) {
        if (!isRecord(t)) continue;
        const node = this.nodes.get(idOf(t.id) ?? -1);
        if (node && typeof t.value === 'string') node.text = t.value;
      }
    }
    if (Array.isArray(data.attributes)) {
      for (const change of data.attributes) {
        if (!isRecord(change) || !isRecord(change.attributes)) continue;
        const node = this.nodes.get(idOf(change.id) ?? -1);
        if (!node || node.tag === undefined) continue;
        for (const [name, value] of Object.entries(change.attributes)) {
          if (!KEPT_ATTRIBUTES.has(name)) continue;
          if (typeof value === 'string') (node.attributes ??= new Map()).set(name, value);
          else if (value === null) node.attributes?.delete(name);
        }
      }
    }
  }

  private remove(id: number | undefined): void {
    const node = id === undefined ? undefined : this.nodes.get(id);
    if (!node) return;
    const parent = this.parentOf(node);
    if (parent) {
      const at = parent.children.indexOf(node.id);
      if (at >= 0) parent.children.splice(at, 1);
    }
    // Forget the subtree: a node id is never reused by rrweb, and a later add brings its own.
    const stack = [node.id];
    while (stack.length > 0) {
      const n = this.nodes.get(stack.pop()!);
      if (!n) continue;
      this.nodes.delete(n.id);
      for (const c of n.children) stack.push(c);
    }
  }

  /** Adds a serialized node and its serialized children, under `parentId` before `nextId`. */
  private addTree(root: SerializedNode, parentId: number | undefined, nextId: number | undefined): void {
    const stack: { node: SerializedNode; parent: number | undefined; next: number | undefined }[] = [{ node: root, parent: parentId, next: nextId }];
    while (stack.length > 0) {
      const { node, parent, next } = stack.pop()!;
      const id = idOf(node.id);
      if (id === undefined) continue;
      if (this.nodes.has(id)) this.remove(id);
      const mirrored: MirrorNode = { id, parent, tag: undefined, attributes: undefined, text: undefined, children: [] };
      if (node.type === ELEMENT && typeof node.tagName === 'string') {
        mirrored.tag = node.tagName.toLowerCase();
        if (isRecord(node.attributes)) {
          for (const [name, value] of Object.entries(node.attributes)) {
            if (KEPT_ATTRIBUTES.has(name) && typeof value === 'string') (mirrored.attributes ??= new Map()).set(name, value);
          }
        }
      } else if (node.type === TEXT && typeof node.textContent === 'string' && node.isStyle !== true) {
        mirrored.text = node.textContent;
      }
      // Documents, doctypes, comments and CDATA are kept as tree positions only.
      this.nodes.set(id, mirrored);
      const parentNode = parent === undefined ? undefined : this.nodes.get(parent);
      if (parentNode) {
        const at = next === undefined ? -1 : parentNode.children.indexOf(next);
        if (at >= 0) parentNode.children.splice(at, 0, id);
        else parentNode.children.push(id);
      }
      if (Array.isArray(node.childNodes)) {
        // Pushed in reverse so they are appended in document order.
        for (let i = node.childNodes.length - 1; i >= 0; i--) {
          const child = node.childNodes[i];
          if (isRecord(child)) stack.push({ node: child as SerializedNode, parent: id, next: undefined });
        }
      }
    }
  }
}
