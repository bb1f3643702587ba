import {
  SEQ_STORAGE_KEY,
  SESSION_ACTIVITY_STORAGE_KEY,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_ID_STORAGE_KEY,
  SESSION_MAX_DURATION_MS,
  SESSION_SAMPLED_STORAGE_KEY,
  SESSION_STARTED_STORAGE_KEY,
} from './constants.js';
import { isSessionId } from './session-id.js';
import type { KeyValueStore } from './storage.js';

/** One tab's session as kept in sessionStorage. Times are epoch milliseconds. */
export interface SessionState {
  readonly id: string;
  readonly startedAt: number;
  lastActivityAt: number;
  /** Whether this session is recorded; drawn once when it starts. */
  readonly sampled: boolean;
}

export interface NewSessionDeps {
  newId: () => string;
  /** Draws the sampling decision for a new session. */
  sample: () => boolean;
}

/** Over: 30 min without user activity, or 4 h since it started. */
export function isSessionExpired(state: SessionState, now: number): boolean {
  return now - state.lastActivityAt >= SESSION_IDLE_TIMEOUT_MS || now - state.startedAt >= SESSION_MAX_DURATION_MS;
}

/**
 * The tab's session if it is still live, else a new one. A page load is activity, so a live
 * session's activity time moves to `now`. State written by an older SDK (an id without times)
 * is continued as if it started now.
 */
export function loadOrCreateSession(store: KeyValueStore, now: number, deps: NewSessionDeps): SessionState {
  const id = store.getItem(SESSION_ID_STORAGE_KEY);
  if (isSessionId(id)) {
    const startedAt = parseTime(store.getItem(SESSION_STARTED_STORAGE_KEY)) ?? now;
    const lastActivityAt = parseTime(store.getItem(SESSION_ACTIVITY_STORAGE_KEY)) ?? now;
    const sampledRaw = store.getItem(SESSION_SAMPLED_STORAGE_KEY);
    const sampled = sampledRaw === '1' || sampledRaw === '0' ? sampledRaw === '1' : deps.sample();
    const state: SessionState = { id, startedAt, lastActivityAt, sampled };
    if (!isSessionExpired(state, now)) {
      state.lastActivityAt = now;
      writeSession(store, state);
      return state;
    }
  }
  return createSession(store, now, deps);
}

/** Starts a new session: new id, seq back to 0, a fresh sampling draw. */
export function createSession(store: KeyValueStore, now: number, deps: NewSessionDeps): SessionState {
  const state: SessionState = { id: deps.newId(), startedAt: now, lastActivityAt: now, sampled: deps.sample() };
  writeSession(store, state);
  store.setItem(SEQ_STORAGE_KEY, '0');
  return state;
}

/** Stores the activity time so the next page can tell whether the session went idle. */
export function saveActivity(store: KeyValueStore, state: SessionState): void {
  store.setItem(SESSION_ACTIVITY_STORAGE_KEY, String(state.lastActivityAt));
}

/**
 * Hands out the next batch sequence number and stores the one after it, so the next page of
 * the same session continues the count instead of reusing numbers the server already has.
 */
export function takeNextSeq(store: KeyValueStore): number {
  const raw = store.getItem(SEQ_STORAGE_KEY);
  const seq = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  store.setItem(SEQ_STORAGE_KEY, String(seq + 1));
  return seq;
}

function writeSession(store: KeyValueStore, state: SessionState): void {
  store.setItem(SESSION_ID_STORAGE_KEY, state.id);
  store.setItem(SESSION_STARTED_STORAGE_KEY, String(state.startedAt));
  store.setItem(SESSION_SAMPLED_STORAGE_KEY, state.sampled ? '1' : '0');
  saveActivity(store, state);
}

function parseTime(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}
