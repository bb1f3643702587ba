import { ACTIVITY_PERSIST_INTERVAL_MS } from './constants.js';
import { createSession, isSessionExpired, loadOrCreateSession, saveActivity, type NewSessionDeps, type SessionState } from './session.js';
import type { KeyValueStore } from './storage.js';

/** What to do with an event, given the session's timeouts. */
export type SessionDecision = 'record' | 'rotate' | 'skip';

/** The live session of one recording, with its idle and maximum-duration rules. */
export interface SessionTracker {
  readonly current: SessionState;
  /**
   * 'record' while the session is live; once it is over, 'rotate' for user activity (a new
   * session starts with it) and 'skip' for anything else (nobody is watching the page).
   */
  decide(isActivity: boolean, now: number): SessionDecision;
  /** Starts a new session and returns it. */
  rotate(now: number): SessionState;
  /** Notes user activity; written to storage at most every few seconds. */
  touch(now: number): void;
  /** Writes the activity time now (page hidden or unloading). */
  saveActivity(): void;
}

export function createSessionTracker(store: KeyValueStore, now: number, deps: NewSessionDeps): SessionTracker {
  let current = loadOrCreateSession(store, now, deps);
  let savedActivityAt = current.lastActivityAt;

  const save = (): void => {
    saveActivity(store, current);
    savedActivityAt = current.lastActivityAt;
  };

  return {
    get current() {
      return current;
    },
    decide(isActivity, at) {
      if (!isSessionExpired(current, at)) return 'record';
      return isActivity ? 'rotate' : 'skip';
    },
    rotate(at) {
      current = createSession(store, at, deps);
      savedActivityAt = at;
      return current;
    },
    touch(at) {
      if (at <= current.lastActivityAt) return;
      current.lastActivityAt = at;
      if (at - savedActivityAt >= ACTIVITY_PERSIST_INTERVAL_MS) save();
    },
    saveActivity: save,
  };
}
