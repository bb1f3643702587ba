import { sessionsPath } from './api.js';

/** What a step of a session's story is about. */
export type StoryStepKind = 'page' | 'identify' | 'click' | 'rage_click' | 'dead_click' | 'input' | 'scroll' | 'error' | 'request' | 'event' | 'end';

export interface StoryStep {
  kind: StoryStepKind;
  /** When it happened (epoch ms) and where that is in the replay (ms from the session's start: the player's `?t=`). */
  timestamp: number;
  offsetMs: number;
  /** One sentence, never holding a typed value or masked text. */
  text: string;
}

/**
 * A session told in words (`GET …/sessions/:id/story`, or `?format=text` for plain text):
 * built by rules from the session's indexed moments, so the same session always reads the same.
 */
export interface SessionStory {
  sessionId: string;
  startedAt: number;
  durationMs: number;
  /** One paragraph: how long, which pages, how many clicks, errors and failed requests, who. */
  summary: string;
  steps: StoryStep[];
  /** Steps left out past the cap (`MAX_STORY_STEPS`). */
  omittedSteps: number;
  /** Where it ended, and what went wrong just before when something did ("where the user gave up"). */
  outcome: string;
}

export const MAX_STORY_STEPS = 200;

export const storyPath = (sessionId: string, project?: string): string => `${sessionsPath(project)}/${encodeURIComponent(sessionId)}/story`;
