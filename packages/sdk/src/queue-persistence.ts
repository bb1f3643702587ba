import { joinParts, type PendingBatch } from './batch.js';
import { MAX_PERSISTED_QUEUE_CHARS, QUEUE_INDEX_STORAGE_KEY, QUEUE_ITEM_KEY_PREFIX, SESSION_MAX_DURATION_MS } from './constants.js';
import type { Logger } from './logger.js';

/** Where waiting batches are parked so the next page of the tab can send them. */
export interface QueuePersistence {
  /**
   * Replaces what is parked with these batches (oldest first). Past the storage budget the
   * oldest are left out and their events join the parked drop counter.
   */
  save(batches: readonly PendingBatch[], droppedEvents: number): void;
  /** Removes a delivered batch from storage, if it was parked. */
  forget(batch: PendingBatch): void;
  /** What an earlier page parked (still parked until each is forgotten), with its drop counter. */
  load(now: number): { batches: PendingBatch[]; droppedEvents: number };
}

/** Raw Web Storage, which may throw (quota, privacy mode, sandbox): every call is guarded here. */
export interface RawStore {
  /** The stored string, or null. */
  getItem(key: string): string | null;
  /** Stores a string; throws on a full quota. */
  setItem(key: string, value: string): void;
  /** Deletes a key. */
  removeItem(key: string): void;
}

/**
 * Storage layout in sessionStorage (tab-scoped, so parked batches die with the tab):
 *
 *   gosight.queue             {"v":1,"d":<droppedEvents>,"b":[{"k":key,"s":sessionId,"q":seq,"n":events,"e":dropped,"a":attempts,"t":savedAt}, …]}
 *   gosight.queue.<sid>.<seq> the batch's JSON body, exactly as it will be POSTed
 */
interface IndexEntry {
  k: string;
  s: string;
  q: number;
  n: number;
  e: number;
  a: number;
  t: number;
}

export function createQueuePersistence(getStore: () => RawStore | null | undefined, now: () => number, log: Logger, maxChars = MAX_PERSISTED_QUEUE_CHARS): QueuePersistence {
  let entries: IndexEntry[] = [];

  const store = (): RawStore | null => {
    try {
      return getStore() ?? null;
    } catch {
      return null;
    }
  };

  const writeIndex = (s: RawStore, droppedEvents: number): void => {
    if (entries.length === 0 && droppedEvents === 0) s.removeItem(QUEUE_INDEX_STORAGE_KEY);
    else s.setItem(QUEUE_INDEX_STORAGE_KEY, JSON.stringify({ v: 1, d: droppedEvents, b: entries }));
  };
  let parkedDropped = 0;

  return {
    save(batches, droppedEvents) {
      const s = store();
      if (!s) return;
      try {
        let chars = 0;
        let first = batches.length;
        while (first > 0 && chars + batches[first - 1].chars <= maxChars) chars += batches[--first].chars;
        let dropped = droppedEvents;
        for (let i = 0; i < first; i++) {
          dropped += batches[i].eventCount + batches[i].droppedEvents;
          batches[i].parkedKey = undefined; // its stored copy goes below, with the entries not kept
        }
        const keep = batches.slice(first);
        const keepKeys = new Set<string>();
        const next: IndexEntry[] = [];
        for (const batch of keep) {
          const key = batch.parkedKey ?? `${QUEUE_ITEM_KEY_PREFIX}${batch.sessionId}.${batch.seq}`;
          if (batch.parkedKey === undefined) {
            s.setItem(key, joinParts(batch.parts));
            batch.parkedKey = key;
          }
          keepKeys.add(key);
          next.push({ k: key, s: batch.sessionId, q: batch.seq, n: batch.eventCount, e: batch.droppedEvents, a: batch.attempts, t: now() });
        }
        for (const entry of entries) if (!keepKeys.has(entry.k)) s.removeItem(entry.k);
        entries = next;
        parkedDropped = dropped;
        writeIndex(s, dropped);
      } catch (error) {
        log.debug('could not park the send queue', error);
      }
    },

    forget(batch) {
      const key = batch.parkedKey;
      if (key === undefined) return;
      batch.parkedKey = undefined;
      const s = store();
      if (!s) return;
      try {
        s.removeItem(key);
        entries = entries.filter((entry) => entry.k !== key);
        writeIndex(s, parkedDropped);
      } catch (error) {
        log.debug('could not unpark a batch', error);
      }
    },

    load(at) {
      const s = store();
      if (!s) return { batches: [], droppedEvents: 0 };
      try {
        const index = parseIndex(s.getItem(QUEUE_INDEX_STORAGE_KEY));
        const batches: PendingBatch[] = [];
        entries = [];
        for (const entry of index.entries) {
          const body = s.getItem(entry.k);
          if (body === null) continue;
          if (at - entry.t > SESSION_MAX_DURATION_MS) {
            s.removeItem(entry.k);
            continue;
          }
          entries.push(entry);
          batches.push({ sessionId: entry.s, seq: entry.q, parts: [body], chars: body.length, eventCount: entry.n, droppedEvents: entry.e, attempts: entry.a, parkedKey: entry.k });
        }
        // The drop counter travels with the next batch; once loaded it is no longer parked.
        parkedDropped = 0;
        writeIndex(s, 0);
        return { batches, droppedEvents: index.droppedEvents };
      } catch (error) {
        log.debug('could not read the parked send queue', error);
        return { batches: [], droppedEvents: 0 };
      }
    },
  };
}

function parseIndex(raw: string | null): { entries: IndexEntry[]; droppedEvents: number } {
  if (raw === null) return { entries: [], droppedEvents: 0 };
  const parsed = JSON.parse(raw) as { v?: unknown; d?: unknown; b?: unknown };
  if (parsed.v !== 1 || !Array.isArray(parsed.b)) return { entries: [], droppedEvents: 0 };
  const entries = parsed.b.filter(isEntry);
  const droppedEvents = Number.isInteger(parsed.d) && (parsed.d as number) > 0 ? (parsed.d as number) : 0;
  return { entries, droppedEvents };
}

function isEntry(value: unknown): value is IndexEntry {
  const e = value as Partial<IndexEntry> | null;
  return !!e && typeof e.k === 'string' && e.k.startsWith(QUEUE_ITEM_KEY_PREFIX) && typeof e.s === 'string' &&
    Number.isInteger(e.q) && Number.isInteger(e.n) && Number.isInteger(e.e) && Number.isInteger(e.a) && typeof e.t === 'number';
}
