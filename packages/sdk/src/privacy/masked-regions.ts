/**
 * Where typed text lives outside form fields: rich-text editors, chat boxes and comment
 * fields are `contenteditable` (any value but "false") or carry `role="textbox"`.
 */
const EDITABLE_SELECTOR = '[contenteditable]:not([contenteditable="false"]),[role="textbox"]';

export interface MaskedRegionOptions {
  maskAllInputs: boolean;
  maskTextClass: string;
  maskTextSelector: string | undefined;
}

/**
 * rrweb's `maskTextSelector`: the page's selector, plus editable regions, which are masked
 * like inputs: by default, and not when the site owner turned `maskAllInputs` off.
 */
export function rrwebMaskTextSelector(options: MaskedRegionOptions): string | undefined {
  const parts = [options.maskTextSelector, options.maskAllInputs ? EDITABLE_SELECTOR : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** Every masked region (the mask class too), for masking the attributes of what is inside. */
export function maskedRegionSelector(options: MaskedRegionOptions): string {
  return [`.${options.maskTextClass}`, rrwebMaskTextSelector(options)].filter(Boolean).join(',');
}
