import type { KeyMatcher } from '@gosight/shared';
import { isSensitiveInput } from './sensitive-input.js';

export type MaskInputFn = (text: string, element: HTMLElement) => string;
export type MaskTextFn = (text: string, element: HTMLElement | null) => string;

/** rrweb's own masking: one `*` per character for inputs, per non-space character for text. */
const maskAll = (text: string): string => '*'.repeat(text.length);
const maskText = (text: string): string => text.replace(/\S/g, '*');

/**
 * rrweb calls this for every input value it records (record-options asks it to consider every
 * input type). Sensitive fields are always masked; other fields are masked when
 * `maskAllInputs` is on, through the page's `maskInputFn` if it gave one. A page hook that
 * throws or returns a non-string masks the value fully.
 */
export function buildMaskInputFn(maskAllInputs: boolean, isSensitiveName: KeyMatcher, pageFn?: MaskInputFn): MaskInputFn {
  return (text, element) => {
    const value = typeof text === 'string' ? text : '';
    try {
      if (isSensitiveInput(element, isSensitiveName)) return maskAll(value);
      if (!maskAllInputs) return value;
      if (!pageFn) return maskAll(value);
      const masked = pageFn(value, element);
      return typeof masked === 'string' ? masked : maskAll(value);
    } catch {
      return maskAll(value);
    }
  };
}

/** The page's `maskTextFn` for masked text, guarded the same way; undefined keeps rrweb's default. */
export function buildMaskTextFn(pageFn?: MaskTextFn): MaskTextFn | undefined {
  if (!pageFn) return undefined;
  return (text, element) => {
    const value = typeof text === 'string' ? text : '';
    try {
      const masked = pageFn(value, element);
      return typeof masked === 'string' ? masked : maskText(value);
    } catch {
      return maskText(value);
    }
  };
}
