import type { SessionEventKind } from '@gosight/shared';

/** How each derived event kind reads in the UI. */
export const KIND_LABELS: Record<SessionEventKind, string> = {
  page_view: 'Page view',
  click: 'Click',
  rage_click: 'Rage click',
  dead_click: 'Dead click',
  error: 'Error',
  console: 'Console',
  network: 'Network',
  custom: 'Custom',
};
