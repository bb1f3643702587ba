import { EventType, IncrementalSource, type RrwebEvent } from '@gosight/shared';

/** Incremental sources that only a person causes (DOM mutations, fonts and styles do not count). */
const USER_SOURCES = new Set<number>([
  IncrementalSource.MouseMove,
  IncrementalSource.MouseInteraction,
  IncrementalSource.Scroll,
  IncrementalSource.ViewportResize,
  IncrementalSource.Input,
  IncrementalSource.TouchMove,
  IncrementalSource.MediaInteraction,
  IncrementalSource.Drag,
]);

/**
 * Whether an event shows a person at the page, which keeps the session alive: input, pointer,
 * scroll and touch events, a page view (Meta), and the host's own `event()` / `identify()`
 * calls (Custom). A ticking clock's mutations do not keep a session open for hours.
 */
export function isUserActivity(event: RrwebEvent): boolean {
  if (event.type === EventType.Meta || event.type === EventType.Custom) return true;
  if (event.type !== EventType.IncrementalSnapshot) return false;
  const source = (event.data as { source?: unknown } | null)?.source;
  return typeof source === 'number' && USER_SOURCES.has(source);
}
