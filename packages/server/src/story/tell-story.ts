import { MAX_STORY_STEPS, type SessionStory, type StoryStep, type StoryStepKind } from '@gosight/shared';
import type { IndexedMoment } from '../store/index.js';

export interface StorySession {
  sessionId: string;
  startedAt: number;
  endedAt: number;
}

/** Something going wrong this close to the end is where the visitor gave up. */
const GAVE_UP_WITHIN_MS = 60_000;
const TEXT_CHARS = 140;
/** A page scrolled further than this many viewports is worth a step. */
const SCROLL_VIEWPORTS = 1.5;

const clip = (s: string, max = TEXT_CHARS): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
};
const quote = (s: string): string => `“${clip(s, 80)}”`;

/** What a person calls an element: its label, its text, else what identifies it in the page. */
function elementName(m: IndexedMoment): string {
  if (m.ariaLabel) return quote(m.ariaLabel);
  if (m.text) return quote(m.text);
  if (m.elementId) return `${m.tag}#${m.elementId}`;
  if (m.classes.length > 0) return `${m.tag}.${m.classes[0]}`;
  return m.tag ? `a ${m.tag} element` : 'the page';
}

/** A URL without its origin, as people read it. */
function pageName(url: string): string {
  try {
    const u = new URL(url);
    return clip(`${u.pathname}${u.search}`, 100) || '/';
  } catch {
    return clip(url, 100);
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const isFailure = (m: IndexedMoment): boolean => m.kind === 'network' && (m.status === 0 || m.status >= 400);

/**
 * A session's story: its moments in order, told one step each, with runs of the same action
 * on the same element (a click repeated, a field typed in) told once. Deterministic: rules,
 * not a model. Inputs are named by their field, never by what was typed; masked text never
 * reached the index the moments come from.
 */
export function tellStory(session: StorySession, moments: readonly IndexedMoment[]): SessionStory {
  const steps: StoryStep[] = [];
  const add = (kind: StoryStepKind, m: IndexedMoment, text: string) =>
    steps.push({ kind, timestamp: m.timestamp, offsetMs: Math.max(0, m.timestamp - session.startedAt), text });
  const pages: string[] = [];
  let clicks = 0;
  let errors = 0;
  let failedRequests = 0;
  let userId = '';
  let lastTrouble: { moment: IndexedMoment; what: string } | undefined;
  let previous: { kind: string; target: string; step: StoryStep; count: number } | undefined;
  const viewportHeights = new Map<string, number>();

  for (const m of moments) {
    switch (m.kind) {
      case 'page_view':
        pages.push(m.url);
        viewportHeights.set(m.url, m.viewportHeight);
        add('page', m, `Opened ${pageName(m.url)}${m.viewportWidth > 0 ? ` (viewport ${m.viewportWidth}×${m.viewportHeight})` : ''}.`);
        break;
      case 'identify':
        userId = m.text;
        add('identify', m, `Identified as ${quote(m.text)}.`);
        break;
      case 'click': {
        clicks++;
        const target = `${m.selector}|${elementName(m)}`;
        if (previous?.kind === 'click' && previous.target === target) {
          previous.count++;
          previous.step.text = `Clicked ${elementName(m)} ${previous.count} times.`;
          continue;
        }
        add('click', m, `Clicked ${elementName(m)}.`);
        previous = { kind: 'click', target, step: steps[steps.length - 1], count: 1 };
        continue;
      }
      case 'rage_click':
        add('rage_click', m, `Rage-clicked ${elementName(m)}: clicked it again and again.`);
        lastTrouble = { moment: m, what: `rage-clicking ${elementName(m)}` };
        break;
      case 'dead_click':
        add('dead_click', m, `Clicked ${elementName(m)}, and nothing happened.`);
        lastTrouble = { moment: m, what: `a click on ${elementName(m)} that did nothing` };
        break;
      case 'input': {
        const target = `${m.selector}|${elementName(m)}`;
        if (previous?.kind === 'input' && previous.target === target) continue;
        add('input', m, `Filled in ${elementName(m) === 'the page' ? 'a field' : elementName(m)}.`);
        previous = { kind: 'input', target, step: steps[steps.length - 1], count: 1 };
        continue;
      }
      case 'error':
        errors++;
        add('error', m, `Error: ${clip(m.text || m.label)}`);
        lastTrouble = { moment: m, what: `the error ${quote(m.text || m.label)}` };
        break;
      case 'network':
        if (!isFailure(m)) continue;
        failedRequests++;
        add('request', m, `Request failed: ${m.method} ${pageName(m.requestUrl)} ${m.status === 0 ? 'got no answer' : `answered ${m.status}`}.`);
        lastTrouble = { moment: m, what: `a failed request (${m.method} ${pageName(m.requestUrl)} ${m.status || 'no answer'})` };
        break;
      case 'custom':
        add('event', m, `Event ${quote(m.text)}${Object.keys(m.props).length > 0 ? ` (${clip(Object.entries(m.props).map(([k, v]) => `${k}: ${v}`).join(', '), 100)})` : ''}.`);
        break;
      case 'scroll': {
        const viewport = viewportHeights.get(m.url) ?? m.viewportHeight;
        if (viewport > 0 && m.depth > viewport * SCROLL_VIEWPORTS) add('scroll', m, `Scrolled down ${pageName(m.url)} to ${m.depth.toLocaleString('en-US')} px.`);
        continue;
      }
      default:
        continue;
    }
    previous = undefined;
  }

  const lastPage = pages[pages.length - 1];
  const trouble = lastTrouble && session.endedAt - lastTrouble.moment.timestamp <= GAVE_UP_WITHIN_MS ? lastTrouble : undefined;
  const outcome = !lastPage ? `The session ended after ${duration(session.endedAt - session.startedAt)}.`
    : trouble ? `Gave up on ${pageName(lastPage)} ${duration(session.endedAt - trouble.moment.timestamp)} after ${trouble.what}.`
      : `Left from ${pageName(lastPage)} after ${duration(session.endedAt - session.startedAt)}.`;
  const endStep: StoryStep = { kind: 'end', timestamp: session.endedAt, offsetMs: session.endedAt - session.startedAt, text: outcome };
  const distinct = [...new Set(pages.map(pageName))];
  const summary = [
    `${duration(session.endedAt - session.startedAt)} on ${pages.length === 1 ? '1 page' : `${pages.length} pages`}${distinct.length > 0 ? ` (${clip(distinct.join(' → '), 200)})` : ''}`,
    `${clicks} ${clicks === 1 ? 'click' : 'clicks'}`,
    `${errors} ${errors === 1 ? 'error' : 'errors'}`,
    `${failedRequests} failed ${failedRequests === 1 ? 'request' : 'requests'}`,
  ].join(', ') + `.${userId ? ` Identified as ${quote(userId)}.` : ''}`;
  const kept = steps.slice(0, MAX_STORY_STEPS);
  return {
    sessionId: session.sessionId, startedAt: session.startedAt, durationMs: session.endedAt - session.startedAt,
    summary, steps: [...kept, endStep], omittedSteps: steps.length - kept.length, outcome,
  };
}

/** The story as plain text: the summary, then a line per step with its time in the replay. */
export function storyText(story: SessionStory): string {
  const clock = (ms: number) => {
    const s = Math.floor(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const lines = [story.summary, '', ...story.steps.map((s) => `[${clock(s.offsetMs)}] ${s.text}`)];
  if (story.omittedSteps > 0) lines.splice(lines.length - 1, 0, `… ${story.omittedSteps} more steps`);
  return `${lines.join('\n')}\n`;
}
