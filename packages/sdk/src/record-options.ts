import type { eventWithTime, RecordPlugin } from '@rrweb/types';
import type { recordOptions } from 'rrweb';
import {
  CANVAS_FRAME_TYPE,
  CHECKOUT_EVERY_MS,
  CHECKOUT_EVERY_NTH_EVENT,
  MEDIA_SAMPLING_MS,
  SCROLL_SAMPLING_MS,
} from './constants.js';
import type { GoSightConfig } from './config.js';
import { buildMaskInputFn, buildMaskTextFn } from './privacy/mask-functions.js';
import { rrwebMaskTextSelector } from './privacy/masked-regions.js';
import type { KeyMatcher } from '@gosight/shared';

/** A running rrweb recording, as the client sees it. */
export interface RecordingHandle {
  /** Stops rrweb (or cancels a start still waiting for the DOM). */
  stop(): void;
  /** Emits a fresh Meta + FullSnapshot now (a new session needs its own); false if rrweb is not running. */
  checkout(): boolean;
}

/**
 * Starts recording once the DOM is ready. `onFailed` reports that rrweb declined or threw
 * (possibly before this returns), after which no events will come.
 */
export type StartRecording = (
  emit: (event: eventWithTime, isCheckout?: boolean) => void,
  onFailed: () => void,
) => RecordingHandle;

export interface RecordOptionsInput {
  config: GoSightConfig;
  emit: (event: eventWithTime, isCheckout?: boolean) => void;
  plugins: RecordPlugin[];
  isSensitiveKey: KeyMatcher;
  /** Called with errors rrweb catches in its observers; they are swallowed, never rethrown into the page. */
  onError: (error: unknown) => void;
}

/**
 * Every input type rrweb may be asked about, `hidden` included (CSRF tokens live there).
 * rrweb then calls our maskInputFn for each value, which decides per element: sensitive
 * fields always, the rest only with maskAllInputs.
 */
const ALL_INPUT_TYPES = [
  'color', 'date', 'datetime-local', 'email', 'month', 'number', 'range', 'search', 'tel', 'text',
  'time', 'url', 'week', 'textarea', 'select', 'password', 'hidden',
];

/** The rrweb `record()` options from spec §3.3, built without importing rrweb's runtime. */
export function buildRecordOptions({ config, emit, plugins, isSensitiveKey, onError }: RecordOptionsInput): recordOptions<eventWithTime> {
  const maskInputOptions: Record<string, boolean> = {};
  for (const type of ALL_INPUT_TYPES) maskInputOptions[type] = true;
  return {
    emit,
    checkoutEveryNms: CHECKOUT_EVERY_MS,
    checkoutEveryNth: CHECKOUT_EVERY_NTH_EVENT,
    // false so rrweb takes maskInputOptions as given; maskInputFn applies config.maskAllInputs.
    maskAllInputs: false,
    maskInputOptions,
    maskInputFn: buildMaskInputFn(config.maskAllInputs, isSensitiveKey, config.maskInputFn),
    maskTextFn: buildMaskTextFn(config.maskTextFn),
    // Editable regions (contenteditable, role=textbox) are masked like inputs.
    maskTextSelector: rrwebMaskTextSelector(config),
    blockSelector: config.blockSelector,
    maskTextClass: config.maskTextClass,
    blockClass: config.blockClass,
    ignoreClass: config.ignoreClass,
    sampling: {
      mousemove: true,
      mouseInteraction: true,
      scroll: SCROLL_SAMPLING_MS,
      media: MEDIA_SAMPLING_MS,
      // rrweb's 'all' records on every input event, 'last' only on change.
      input: config.inputValues === 'as-typed' ? 'all' : 'last',
      // A number makes rrweb sample whole frames (in a worker) instead of recording every
      // drawing call: bounded cost on the page, and the player draws a frame as it is.
      ...(config.canvas ? { canvas: config.canvas.fps } : {}),
    },
    recordCanvas: config.canvas !== null,
    ...(config.canvas ? { dataURLOptions: { type: CANVAS_FRAME_TYPE, quality: config.canvas.quality } } : {}),
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
