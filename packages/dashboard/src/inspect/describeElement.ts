import { cssSelector, type SelectorNode } from './cssSelector.js';

/** What the inspector shows about a replayed element (spec §5.2 `ElementInfo`). */
export interface ElementInfo {
  tag: string;
  id: string;
  classes: string[];
  selector: string;
  /** Border-box size in recorded CSS pixels. */
  width: number;
  height: number;
  /** Position in the recorded viewport, for the highlight box. */
  left: number;
  top: number;
  /** Visible text, collapsed and cut to `MAX_TEXT_CHARS`. */
  text: string;
}

export interface DescribableElement extends SelectorNode {
  textContent: string | null;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}

const MAX_TEXT_CHARS = 140;

/** Describes a replayed element; coordinates are those of the replay's own viewport. */
export function describeElement(element: DescribableElement): ElementInfo {
  const rect = element.getBoundingClientRect();
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    classes: Array.from(element.classList).filter((name) => !name.startsWith(':')),
    selector: cssSelector(element),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
    left: rect.left,
    top: rect.top,
    text: text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text,
  };
}
