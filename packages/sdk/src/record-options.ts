import type { eventWithTime, RecordPlugin } from '@rrweb/types';
import type { recordOptions } from 'rrweb';
import {
  CHECKOUT_EVERY_MS,
  CHECKOUT_EVERY_NTH_EVENT,
  MEDIA_SAMPLING_MS,
  SCROLL_SAMPLING_MS,
} from './constants.js';
import type { GoSightConfig } from './config.js';

/**
 * Starts recording and returns its stop function. `onFailed` reports that rrweb declined or
 * threw (possibly before this returns), after which no events will come.
 */
export type StartRecording = (
  emit: (event: eventWithTime, isCheckout?: boolean) => void,
  onFailed: () => void,
) => () => void;

export interface RecordOptionsInput {
  config: GoSightConfig;
  emit: (event: eventWithTime, isCheckout?: boolean) => void;
  plugins: RecordPlugin[];
  /** Called with errors rrweb catches in its observers; they are swallowed, never rethrown into the page. */
  onError: (error: unknown) => void;
}

/** The rrweb `record()` options from spec §3.3, built without importing rrweb's runtime. */
export function buildRecordOptions({ config, emit, plugins, onError }: RecordOptionsInput): recordOptions<eventWithTime> {
  return {
    emit,
    checkoutEveryNms: CHECKOUT_EVERY_MS,
    checkoutEveryNth: CHECKOUT_EVERY_NTH_EVENT,
    maskAllInputs: config.maskAllInputs,
    maskTextSelector: config.maskTextSelector,
    blockSelector: config.blockSelector,
    maskTextClass: config.maskTextClass,
    blockClass: config.blockClass,
    ignoreClass: config.ignoreClass,
    sampling: {
      mousemove: true,
      mouseInteraction: true,
      scroll: SCROLL_SAMPLING_MS,
      media: MEDIA_SAMPLING_MS,
      input: 'last',
    },
    inlineStylesheet: true,
    inlineImages: false,
    collectFonts: true,
    plugins,
    errorHandler: (error) => {
      onError(error);
      return true;
    },
  };
}
