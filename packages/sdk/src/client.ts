import { EventType, IDENTIFY_TAG, type RrwebEvent } from '@gosight/shared';
import { isUserActivity } from './activity.js';
import type { GoSightConfig } from './config.js';
import { MAX_EVENT_CHARS, MAX_PENDING_CUSTOM_EVENTS } from './constants.js';
import { createEventBuffer } from './event-buffer.js';
import { shouldFlushAfterAdd, shouldFlushBeforeAdd } from './flush-policy.js';
import type { Logger } from './logger.js';
import { serializeFiltered } from './privacy/apply-privacy-filters.js';
import type { SdkPrivacy } from './privacy/sdk-privacy.js';
import type { RecordingHandle, StartRecording } from './record-options.js';
import { drawSampled } from './sampling.js';
import type { SendQueue } from './send-queue.js';
import { takeNextSeq } from './session.js';
import { createSessionTracker } from './session-tracker.js';
import type { KeyValueStore } from './storage.js';

/** setInterval/clearInterval, injectable so tests drive time by hand. */
export interface Timers {
  /** Calls `callback` every `intervalMs` until cleared. */
  setInterval(callback: () => void, intervalMs: number): unknown;
  /** Cancels a handle returned by setInterval. */
  clearInterval(handle: unknown): void;
}

/** Everything a recording needs from the outside world; gosight.ts passes the shared pieces. */
export interface ClientDeps {
  store: KeyValueStore;
  /** Shared by every recording of the page, so batches outlive `stop()`. */
  queue: SendQueue;
  startRecording: StartRecording;
  timers: Timers;
  now: () => number;
  random: () => number;
  newSessionId: () => string;
  privacy: SdkPrivacy;
  log: Logger;
}

/** Counters of events that did not reach a batch, for debug sessions and tests. */
export interface ClientStats {
  /** Events recorded into batches. */
  recorded: number;
  /** Events after the session went idle and before the next user activity. */
  skippedIdle: number;
  /** Events a privacy filter refused or failed on (fail closed), or that could not be serialized. */
  filtered: number;
  /** Custom events that arrived before recording started and did not fit the waiting list. */
  customOverflow: number;
}

/** One recording of one page, from start() to stop(): rrweb events in, numbered batches into the queue. */
export interface Client {
  /** The current session id; changes when the session times out and a new one starts. */
  readonly sessionId: string;
  /** False when this session was not sampled, after stop(), or when rrweb could not start. */
  readonly recording: boolean;
  /** True once stopped, by `stop()` or because rrweb could not start. */
  readonly stopped: boolean;
  /** Cuts a batch from the buffered events (if any) and sends waiting batches in order. */
  flush(): Promise<void>;
  /** Moves buffered events into a numbered batch in the queue, without sending. */
  cut(): void;
  /** Records a Custom event built by custom-event.ts; queued until the first full snapshot. */
  addCustomEvent(event: RrwebEvent): void;
  /** Writes the session's activity time to storage (page hidden or unloading). */
  saveActivity(): void;
  /** Stops recording and timers and cuts what is buffered into the queue. Safe to call twice. */
  stop(): void;
  readonly stats: Readonly<ClientStats>;
}

export function createClient(config: GoSightConfig, deps: ClientDeps): Client {
  const { store, queue, log } = deps;
  const tracker = createSessionTracker(store, deps.now(), {
    newId: deps.newSessionId,
    sample: () => drawSampled(config.sampleRate, deps.random),
  });
  const buffer = createEventBuffer();
  const stats: ClientStats = { recorded: 0, skippedIdle: 0, filtered: 0, customOverflow: 0 };
  const limits = { maxBatchEvents: config.maxBatchEvents, maxBatchChars: config.maxBatchChars };
  /** Custom events wait for the session's first FullSnapshot so no batch starts without one. */
  let waitingCustom: RrwebEvent[] = [];
  /** The last `$identify`, repeated at the start of a new session in this tab: the person has not changed. */
  let identity: RrwebEvent | null = null;
  let hasSnapshot = false;
  let stopped = false;
  let recording: RecordingHandle | null = null;

  const cut = (): void => {
    if (buffer.length === 0) return;
    queue.enqueue({ sessionId: tracker.current.id, seq: takeNextSeq(store), events: buffer.drain() });
  };

  const flush = (): Promise<void> => {
    try {
      cut();
      return queue.pump();
    } catch (error) {
      log.debug('flush failed', error);
      return Promise.resolve();
    }
  };

  /** Filters, serializes and buffers one event; cuts batches by the flush policy. */
  const append = (event: RrwebEvent): void => {
    let json: string;
    try {
      const filtered = serializeFiltered(event, deps.privacy);
      if (filtered === null) return;
      json = filtered;
    } catch (error) {
      stats.filtered++;
      log.debug('event dropped by a privacy filter or serialization', error);
      return;
    }
    if (json.length > MAX_EVENT_CHARS) {
      queue.noteDropped(1);
      log.debug(`dropped an event of ${json.length} characters`);
      return;
    }
    const level = { count: buffer.length, chars: buffer.chars };
    if (shouldFlushBeforeAdd(event.type, json.length + 1, level, limits)) cut();
    buffer.add(json);
    stats.recorded++;
    if (shouldFlushAfterAdd(event.type, { count: buffer.length, chars: buffer.chars }, limits)) void flush();
  };

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    safely(() => recording?.stop(), log);
    safely(() => deps.timers.clearInterval(timer), log);
    safely(cut, log);
    void queue.pump();
  };

  /** The session timed out and a person is back: a new session, starting with its own snapshot. */
  const rotate = (now: number): void => {
    cut();
    const next = tracker.rotate(now);
    log.debug(`session timed out; new session ${next.id}`);
    hasSnapshot = false;
    if (identity) waitingCustom.push({ ...identity, timestamp: now });
    if (!next.sampled) stop();
    // Emits Meta + FullSnapshot synchronously, through handleEvent, into the new session.
    else recording?.checkout();
  };

  const handleEvent = (event: RrwebEvent): void => {
    if (stopped) return;
    try {
      const now = typeof event.timestamp === 'number' ? event.timestamp : deps.now();
      const activity = isUserActivity(event);
      const decision = tracker.decide(activity, now);
      if (decision === 'skip') {
        stats.skippedIdle++;
        return;
      }
      if (decision === 'rotate') {
        rotate(now);
        if (stopped) return;
      }
      if (activity) tracker.touch(now);
      if (event.type === EventType.Custom && (event.data as { tag?: unknown }).tag === IDENTIFY_TAG) identity = event;
      if (event.type === EventType.Custom && !hasSnapshot) {
        if (waitingCustom.length < MAX_PENDING_CUSTOM_EVENTS) waitingCustom.push(event);
        else stats.customOverflow++;
        return;
      }
      append(event);
      if (event.type === EventType.FullSnapshot && !hasSnapshot) {
        hasSnapshot = true;
        const custom = waitingCustom;
        waitingCustom = [];
        for (const e of custom) append(e);
      }
    } catch (error) {
      log.debug('event handling failed', error);
    }
  };

  const timer = deps.timers.setInterval(() => void flush(), config.flushIntervalMs);
  if (!tracker.current.sampled) {
    log.debug(`session ${tracker.current.id} is not sampled; not recording`);
    stop();
  } else {
    // onFailed may fire synchronously, before startRecording returns; stop once both are known.
    let failed = false;
    recording = deps.startRecording(handleEvent, () => {
      failed = true;
      if (recording) stop();
    });
    if (failed) stop();
    log.debug(`session ${tracker.current.id}`);
  }

  return {
    get sessionId() {
      return tracker.current.id;
    },
    get recording() {
      return !stopped;
    },
    get stopped() {
      return stopped;
    },
    flush,
    cut: () => safely(cut, log),
    addCustomEvent: handleEvent,
    saveActivity: () =>
      safely(() => {
        // An unrecorded session sees no events; time on the page is what keeps it alive.
        if (!tracker.current.sampled) tracker.touch(deps.now());
        tracker.saveActivity();
      }, log),
    stop,
    stats,
  };
}

function safely(action: () => void, log: Logger): void {
  try {
    action();
  } catch (error) {
    log.debug('step failed', error);
  }
}
