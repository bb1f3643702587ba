/** The parts of a DOM Element that selector generation reads (tests pass plain objects). */
export interface SelectorNode {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  parentElement: SelectorNode | null;
  children: ArrayLike<SelectorNode>;
}

/** Classes rrweb adds while replaying (`:hover`, `rr_…`) say nothing about the recorded page. */
const isRecordedClass = (name: string): boolean => name !== '' && !name.startsWith(':') && !name.startsWith('rr_') && !name.startsWith('rrweb');

/** Escapes a CSS identifier like `CSS.escape` (not available outside the browser). */
export function escapeIdent(value: string): string {
  return Array.from(value)
    .map((char, index) => {
      if (/[A-Za-z_\u00a0-\uffff-]/.test(char)) return index === 0 && char === '-' && value.length === 1 ? '\\-' : char;
      if (/[0-9]/.test(char)) return index === 0 ? `\\3${char} ` : char;
      return `\\${char}`;
    })
    .join('');
}

/** `tag.class1.class2:nth-of-type(n)` for one element: classes for reading, position for uniqueness. */
function stepFor(node: SelectorNode): string {
  const tag = node.tagName.toLowerCase();
  const classes = Array.from(node.classList).filter(isRecordedClass).slice(0, 2);
  let step = tag + classes.map((name) => `.${escapeIdent(name)}`).join('');
  const siblings = node.parentElement ? Array.from(node.parentElement.children).filter((sibling) => sibling.tagName === node.tagName) : [];
  if (siblings.length > 1) step += `:nth-of-type(${siblings.indexOf(node) + 1})`;
  return step;
}

/**
 * A CSS selector for `node` that matches only it in its document: up the tree until an
 * ancestor with an id (or `body`), each step as short as stays unambiguous among siblings.
 */
export function cssSelector(node: SelectorNode): string {
  const steps: string[] = [];
  for (let current: SelectorNode | null = node; current; current = current.parentElement) {
    const tag = current.tagName.toLowerCase();
    if (current.id) {
      steps.unshift(`#${escapeIdent(current.id)}`);
      break;
    }
    if (tag === 'html') break;
    steps.unshift(tag === 'body' ? 'body' : stepFor(current));
    if (tag === 'body') break;
  }
  return steps.join(' > ');
}
