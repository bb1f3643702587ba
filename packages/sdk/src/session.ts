import { SEQ_STORAGE_KEY, SESSION_ID_STORAGE_KEY } from './constants.js';
import { isSessionId } from './session-id.js';
import type { KeyValueStore } from './storage.js';

/**
 * Returns the tab's session id, creating and storing one if the tab has none (or a corrupt
 * one). A new session always restarts the batch count at 0.
 */
export function loadOrCreateSession(store: KeyValueStore, newId: () => string): string {
  const existing = store.getItem(SESSION_ID_STORAGE_KEY);
  if (isSessionId(existing)) return existing;
  const sessionId = newId();
  store.setItem(SESSION_ID_STORAGE_KEY, sessionId);
  store.setItem(SEQ_STORAGE_KEY, '0');
  return sessionId;
}

/**
 * Hands out the next batch sequence number and stores the one after it, so the next page of
 * the same session continues the count instead of reusing numbers the server already has.
 */
export function takeNextSeq(store: KeyValueStore): number {
  const seq = parseSeq(store.getItem(SEQ_STORAGE_KEY));
  store.setItem(SEQ_STORAGE_KEY, String(seq + 1));
  return seq;
}

function parseSeq(raw: string | null): number {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return 0;
  return Number(raw);
}
