import { useEffect, useState } from 'react';
import type { SessionSort } from '@gosight/shared';
import { DEFAULT_FILTERS, isFiltered, type SessionFilters } from './sessionFilters.js';

interface SessionFilterBarProps {
  filters: SessionFilters;
  onChange: (filters: SessionFilters) => void;
}

/** Typing in the URL box settles for this long before the list reloads. */
const URL_DEBOUNCE_MS = 300;

export const SORT_LABELS: Record<SessionSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  longest: 'Longest first',
  shortest: 'Shortest first',
  most_errors: 'Most errors',
  most_clicks: 'Most clicks',
};

const MIN_DURATIONS: Array<[label: string, ms: number | null]> = [
  ['Any length', null],
  ['Over 10 s', 10_000],
  ['Over 1 min', 60_000],
  ['Over 5 min', 300_000],
  ['Over 30 min', 1_800_000],
];
const MAX_DURATIONS: Array<[label: string, ms: number | null]> = [
  ['No limit', null],
  ['Under 30 s', 30_000],
  ['Under 1 min', 60_000],
  ['Under 5 min', 300_000],
  ['Under 30 min', 1_800_000],
];

const toOption = (ms: number | null) => (ms === null ? '' : String(ms));
const fromOption = (value: string) => (value === '' ? null : Number(value));

/** Search and filters of the session list (URL, days, duration, errors, rage clicks) and the sort. */
export function SessionFilterBar({ filters, onChange }: SessionFilterBarProps) {
  const [url, setUrl] = useState(filters.url);
  // Follow the URL box when the filters change from outside (back button, "clear").
  useEffect(() => setUrl(filters.url), [filters.url]);
  useEffect(() => {
    if (url === filters.url) return;
    const timer = setTimeout(() => onChange({ ...filters, url, offset: 0 }), URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [url, filters, onChange]);
  const set = (patch: Partial<SessionFilters>) => onChange({ ...filters, ...patch, offset: 0 });
  const durationOptions = (options: typeof MIN_DURATIONS, current: number | null) => {
    const listed = options.some(([, ms]) => ms === current);
    return [...options, ...(listed ? [] : ([[`${Math.round((current ?? 0) / 1000)} s`, current]] as typeof options))];
  };

  return (
    <div className="filter-bar" data-testid="session-filters">
      <label className="filter-field filter-search">
        <span className="filter-label">URL contains</span>
        <input type="search" placeholder="/checkout" value={url} data-testid="filter-url" onChange={(event) => setUrl(event.currentTarget.value)} />
      </label>
      <label className="filter-field">
        <span className="filter-label">From</span>
        <input type="date" value={filters.fromDate} data-testid="filter-from" onChange={(event) => set({ fromDate: event.currentTarget.value })} />
      </label>
      <label className="filter-field">
        <span className="filter-label">To</span>
        <input type="date" value={filters.toDate} data-testid="filter-to" onChange={(event) => set({ toDate: event.currentTarget.value })} />
      </label>
      <label className="filter-field">
        <span className="filter-label">Duration</span>
        <select value={toOption(filters.minDurationMs)} data-testid="filter-min-duration" onChange={(event) => set({ minDurationMs: fromOption(event.currentTarget.value) })}>
          {durationOptions(MIN_DURATIONS, filters.minDurationMs).map(([label, ms]) => (
            <option key={label} value={toOption(ms)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span className="filter-label">&nbsp;</span>
        <select value={toOption(filters.maxDurationMs)} aria-label="Longest duration" data-testid="filter-max-duration" onChange={(event) => set({ maxDurationMs: fromOption(event.currentTarget.value) })}>
          {durationOptions(MAX_DURATIONS, filters.maxDurationMs).map(([label, ms]) => (
            <option key={label} value={toOption(ms)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-field">
        <span className="filter-label">Only sessions with</span>
        <div className="filter-toggles">
          <button type="button" className={`toggle-chip${filters.hasErrors ? ' on danger' : ''}`} aria-pressed={filters.hasErrors} data-testid="filter-has-errors" onClick={() => set({ hasErrors: !filters.hasErrors })}>
            Errors
          </button>
          <button type="button" className={`toggle-chip${filters.hasRageClicks ? ' on warn' : ''}`} aria-pressed={filters.hasRageClicks} data-testid="filter-has-rage" onClick={() => set({ hasRageClicks: !filters.hasRageClicks })}>
            Rage clicks
          </button>
        </div>
      </div>
      <label className="filter-field filter-sort">
        <span className="filter-label">Sort</span>
        <select value={filters.sort} data-testid="filter-sort" onChange={(event) => set({ sort: event.currentTarget.value as SessionSort })}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filters) && (
        <button type="button" className="link-button filter-clear" data-testid="filter-clear" onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
