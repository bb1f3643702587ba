/**
 * The few rrweb event codes the pipeline reads (spec §3.1, §3.2). Kept here as plain
 * numbers so the server never imports rrweb: the SDK and the player own rrweb itself.
 */
export const EventType = {
  DomContentLoaded: 0,
  Load: 1,
  FullSnapshot: 2,
  IncrementalSnapshot: 3,
  Meta: 4,
  Custom: 5,
  Plugin: 6,
} as const;

export const IncrementalSource = {
  Mutation: 0,
  MouseMove: 1,
  MouseInteraction: 2,
  Scroll: 3,
  ViewportResize: 4,
  Input: 5,
  TouchMove: 6,
  MediaInteraction: 7,
  StyleSheetRule: 8,
  CanvasMutation: 9,
  Font: 10,
  Log: 11,
  Drag: 12,
  StyleDeclaration: 13,
  AdoptedStyleSheet: 15,
} as const;

/** rrweb's MouseInteractions.Click. */
export const MOUSE_INTERACTION_CLICK = 2;

/** Plugin name that rrweb's console record plugin writes into Plugin events. */
export const CONSOLE_PLUGIN_NAME = 'rrweb/console@1';
/** Plugin name that rrweb's network record plugin writes into Plugin events. */
export const NETWORK_PLUGIN_NAME = 'rrweb/network@1';

/** The shape every rrweb event has on the wire; `data` is read only where needed. */
export interface RrwebEvent {
  type: number;
  data: unknown;
  timestamp: number;
  delay?: number;
}

/** Custom event tag the SDK uses for `identify(userId, traits)`; payload `{ userId, traits }`. */
export const IDENTIFY_TAG = '$identify';
