/** Which devtools tab is open. */
export type PanelId = 'events' | 'story' | 'console' | 'network' | 'inspect';

/** What the player page shows around the replay; toggled by buttons and shortcuts. */
export interface PlayerView {
  devtools: boolean;
  timeline: boolean;
  inspecting: boolean;
  help: boolean;
  panel: PanelId;
}

export const INITIAL_VIEW: PlayerView = { devtools: true, timeline: true, inspecting: false, help: false, panel: 'events' };

/** Turning inspect on also opens devtools on the Inspect tab, where the picked element is described. */
export function toggleInspect(view: PlayerView): PlayerView {
  return view.inspecting ? { ...view, inspecting: false } : { ...view, inspecting: true, devtools: true, panel: 'inspect' };
}

/** Opens devtools on a tab (used by "next error", which shows the Console). */
export const showPanel = (view: PlayerView, panel: PanelId): PlayerView => ({ ...view, devtools: true, panel });
