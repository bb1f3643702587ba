import type { ConsoleEvent, ConsoleLevel, SessionEvent } from '@gosight/shared';

/** Level filters of the console panel; each covers one or more recorded levels. */
export type ConsoleFilter = 'all' | 'error' | 'warn' | 'info' | 'log' | 'debug';

export const CONSOLE_FILTERS: readonly ConsoleFilter[] = ['all', 'error', 'warn', 'info', 'log', 'debug'];

const FILTER_OF_LEVEL: Record<ConsoleLevel, Exclude<ConsoleFilter, 'all'>> = {
  error: 'error',
  assert: 'error',
  warn: 'warn',
  info: 'info',
  log: 'log',
  trace: 'log',
  debug: 'debug',
};

export const isConsoleEvent = (event: SessionEvent): event is ConsoleEvent => event.kind === 'console' || event.kind === 'error';

/** Console entries and unhandled errors, in time order. */
export const consoleEntries = (events: readonly SessionEvent[]): ConsoleEvent[] => events.filter(isConsoleEvent);

/** The filter an entry falls under. */
export const filterOf = (entry: ConsoleEvent): Exclude<ConsoleFilter, 'all'> => FILTER_OF_LEVEL[entry.level] ?? 'log';

/** Entries under `filter` whose message or stack contains `search` (case-insensitive). */
export function filterConsole(entries: readonly ConsoleEvent[], filter: ConsoleFilter, search: string): ConsoleEvent[] {
  const needle = search.trim().toLowerCase();
  return entries.filter(
    (entry) =>
      (filter === 'all' || filterOf(entry) === filter) &&
      (!needle || entry.message.toLowerCase().includes(needle) || (entry.stack ?? '').toLowerCase().includes(needle)),
  );
}

/** How many entries fall under each filter. */
export function countByFilter(entries: readonly ConsoleEvent[]): Record<ConsoleFilter, number> {
  const counts: Record<ConsoleFilter, number> = { all: entries.length, error: 0, warn: 0, info: 0, log: 0, debug: 0 };
  for (const entry of entries) counts[filterOf(entry)] += 1;
  return counts;
}
