import { createClient, type Client, type Timers } from './client.js';
import type { GoSightConfig } from './config.js';
import { buildCustomEvent, buildIdentifyEvent, type CustomEventResult } from './custom-event.js';
import type { Logger } from './logger.js';
import type { PageSignals } from './page-signals.js';
import type { SdkPrivacy } from './privacy/sdk-privacy.js';
import type { QueuePersistence } from './queue-persistence.js';
import type { StartRecording } from './record-options.js';
import { createSendQueue, type QueueTimers, type SendQueueStats } from './send-queue.js';
import type { KeyValueStore } from './storage.js';
import type { Transport } from './transport.js';

/** Everything from the outside world; browser-deps.ts builds the browser versions, tests build fakes. */
export interface GoSightDeps {
  store: KeyValueStore;
  persistence: QueuePersistence;
  transport: Transport;
  page: PageSignals;
  startRecording: StartRecording;
  timers: Timers & QueueTimers;
  now: () => number;
  random: () => number;
  newSessionId: () => string;
  privacy: SdkPrivacy;
  log: Logger;
}

/** The page's GoSight: one send queue for the page's life, and a recording between start() and stop(). */
export interface GoSightInstance {
  /** Starts (or resumes) recording; ignored while recording. */
  start(): void;
  /** Stops recording; what is buffered is still sent. */
  stop(): void;
  /** Records `$identify` with `{ userId, traits }`. */
  identify(userId: unknown, traits?: unknown): void;
  /** Records a Custom event `{ tag: name, payload }`. */
  event(name: unknown, payload?: unknown): void;
  /** The session id while recording, else null. */
  getSessionId(): string | null;
  /**
   * Cuts what is buffered into a batch and sends; resolves once everything recorded so far
   * has been acknowledged by the server (or refused, or dropped over the queue's budget).
   * While the server is unreachable it waits through the retries.
   */
  flush(): Promise<void>;
  readonly stats: Readonly<SendQueueStats>;
}

export function createGoSight(config: GoSightConfig, deps: GoSightDeps): GoSightInstance {
  const { page, log } = deps;
  const queue = createSendQueue({
    transport: deps.transport,
    persistence: deps.persistence,
    timers: deps.timers,
    now: deps.now,
    random: deps.random,
    isOnline: page.isOnline,
    maxPendingBatches: config.maxPendingBatches,
    maxQueueChars: config.maxQueueChars,
    log,
  });
  let client: Client | null = null;

  queue.restore(deps.now());
  void queue.pump();

  // Listener errors would surface in the page's own error reporting: nothing may escape.
  const guarded = (action: () => void) => () => {
    try {
      action();
    } catch (error) {
      log.debug('page event handling failed', error);
    }
  };
  page.onHidden(guarded(() => {
    client?.cut();
    client?.saveActivity();
    void queue.pump();
    queue.park();
  }));
  page.onPageHide(guarded(() => {
    client?.cut();
    client?.saveActivity();
    queue.sendAllFinal();
  }));
  page.onOnline(guarded(() => queue.retryNow()));

  const record = (result: CustomEventResult): void => {
    if (!result.ok) return log.debug(`custom event ignored: ${result.reason}`);
    if (!client || !client.recording) return log.debug('custom event ignored: not recording');
    client.addCustomEvent(result.event);
  };

  const instance: GoSightInstance = {
    start() {
      if (client && !client.stopped) return;
      client = createClient(config, { ...deps, queue });
    },
    stop() {
      client?.stop();
    },
    identify(userId, traits) {
      record(buildIdentifyEvent(userId, traits, deps.now()));
    },
    event(name, payload) {
      record(buildCustomEvent(name, payload, deps.now()));
    },
    getSessionId() {
      return client && client.recording ? client.sessionId : null;
    },
    flush() {
      guarded(() => client?.cut())();
      const delivered = queue.settled();
      void queue.pump();
      return delivered;
    },
    stats: queue.stats,
  };
  if (config.autoStart) instance.start();
  return instance;
}
