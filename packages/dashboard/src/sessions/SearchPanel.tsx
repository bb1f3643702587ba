import { useEffect, useState, type FormEvent } from 'react';
import { DEVICE_CLASSES, SearchParamError, searchFromParams, searchToParams, type SessionSearch } from '@gosight/shared';

interface SearchPanelProps {
  search: SessionSearch;
  onSearch: (search: SessionSearch) => void;
}

/** Which part of the clicked element the "Clicked" box searches. */
const CLICK_PARTS = [
  ['clickText', 'text'],
  ['clickId', 'id'],
  ['clickClass', 'class'],
  ['clickLabel', 'aria-label'],
  ['clickSelector', 'CSS selector'],
] as const;
type ClickPart = (typeof CLICK_PARTS)[number][0];

/** The form's fields, as the query-string values they become (search.ts reads and checks them). */
type Draft = Record<string, string>;

function draftOf(search: SessionSearch): Draft {
  const draft: Draft = {};
  for (const [name, value] of searchToParams(search)) draft[name] = name === 'visited' && draft.visited ? `${draft.visited} ${value}` : value;
  return draft;
}

const clickPartOf = (draft: Draft): ClickPart => CLICK_PARTS.find(([name]) => draft[name])?.[0] ?? 'clickText';

/**
 * Search by what happened: the element clicked, pages visited in order, console errors and
 * warnings, requests, custom events, the identified user, and the device. Applied together
 * (AND) on submit; a value the server would refuse is named here first.
 */
export function SearchPanel({ search, onSearch }: SearchPanelProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(search));
  const [clickPart, setClickPart] = useState<ClickPart>(() => clickPartOf(draftOf(search)));
  const [problem, setProblem] = useState<string | null>(null);
  // Follow the search when it changes from outside (back button, "clear filters").
  useEffect(() => {
    const next = draftOf(search);
    setDraft(next);
    setClickPart(clickPartOf(next));
  }, [search]);
  const field = (name: string) => ({
    value: draft[name] ?? '',
    'data-testid': `search-${name}`,
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: event.currentTarget.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values: Draft = { ...draft };
    // The click box holds one part; the others are cleared so the part chosen is the one searched.
    const clickValue = draft[clickPart] ?? '';
    for (const [name] of CLICK_PARTS) delete values[name];
    if (clickValue) values[clickPart] = clickValue;
    try {
      const next = searchFromParams((name) => (name === 'visited' ? (values.visited ?? '').split(/\s+/) : values[name] ? [values[name]] : []));
      setProblem(null);
      onSearch(next);
    } catch (err) {
      setProblem(err instanceof SearchParamError ? err.message : String(err));
    }
  };

  return (
    <form className="search-panel" data-testid="search-panel" onSubmit={submit}>
      <div className="search-grid">
        <label className="filter-field search-wide">
          <span className="filter-label">Clicked</span>
          <span className="search-combo">
            <select aria-label="Part of the clicked element" value={clickPart} data-testid="search-click-part"
              onChange={(event) => {
                const part = event.currentTarget.value as ClickPart;
                setDraft({ ...draft, [part]: draft[clickPart] ?? '', [clickPart]: '' });
                setClickPart(part);
              }}>
              {CLICK_PARTS.map(([name, label]) => <option key={name} value={name}>{label}</option>)}
            </select>
            <input type="search" placeholder={clickPart === 'clickSelector' ? 'form#checkout button.primary' : 'Pay now'} {...field(clickPart)} data-testid="search-click" />
          </span>
        </label>
        <label className="filter-field search-wide">
          <span className="filter-label">Visited, in order</span>
          <input type="search" placeholder="/cart /checkout   (or https://shop.test/product/*)" {...field('visited')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Error message</span>
          <input type="search" placeholder="timeout" {...field('error')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Warning message</span>
          <input type="search" placeholder="deprecated" {...field('warning')} />
        </label>
        <label className="filter-field search-wide">
          <span className="filter-label">Request</span>
          <span className="search-combo">
            <select aria-label="Request method" {...field('requestMethod')}>
              <option value="">Any method</option>
              {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
            <input type="search" placeholder="/api/checkout" aria-label="Request URL" {...field('requestUrl')} />
            <input type="search" className="search-status" placeholder="5xx" aria-label="Request status" {...field('requestStatus')} />
          </span>
        </label>
        <label className="filter-field">
          <span className="filter-label">Custom event</span>
          <input type="search" placeholder="checkout_failed" {...field('event')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Event property</span>
          <input type="search" placeholder="reason=timeout" {...field('eventProp')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">User id</span>
          <input type="search" placeholder="user-42" {...field('userId')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">User trait</span>
          <input type="search" placeholder="plan=pro" {...field('trait')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Browser</span>
          <input type="search" placeholder="Chrome" {...field('browser')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">OS</span>
          <input type="search" placeholder="iOS" {...field('os')} />
        </label>
        <label className="filter-field">
          <span className="filter-label">Device</span>
          <select {...field('device')}>
            <option value="">Any device</option>
            {DEVICE_CLASSES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="filter-field">
          <span className="filter-label">Viewport width</span>
          <span className="search-combo">
            <input type="number" min={0} className="search-px" placeholder="min" aria-label="Narrowest viewport" {...field('minViewportWidth')} />
            <input type="number" min={0} className="search-px" placeholder="max" aria-label="Widest viewport" {...field('maxViewportWidth')} />
          </span>
        </label>
        <label className="filter-field search-check">
          <input type="checkbox" checked={draft.hasDeadClicks === 'true'} data-testid="search-hasDeadClicks"
            onChange={(event) => setDraft({ ...draft, hasDeadClicks: event.currentTarget.checked ? 'true' : '' })} />
          <span>Dead clicks</span>
        </label>
      </div>
      <div className="search-actions">
        {problem && <span className="search-problem" role="alert" data-testid="search-problem">{problem}</span>}
        <button type="submit" className="button primary" data-testid="search-apply">Search</button>
      </div>
    </form>
  );
}
