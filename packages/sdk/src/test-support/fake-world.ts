import type { ReplayBatch } from '@gosight/shared';
import type { eventWithTime } from '@rrweb/types';
import { joinParts } from '../batch.js';
import type { GoSightDeps } from '../gosight.js';
import { silentLogger } from '../logger.js';
import { createSdkPrivacy } from '../privacy/sdk-privacy.js';
import { resolveConfig } from '../config.js';
import { createQueuePersistence, type RawStore } from '../queue-persistence.js';
import type { SendResult } from '../send-outcome.js';
import { createMemoryStore, type KeyValueStore } from '../storage.js';
import { createFakeClock } from './fake-timers.js';

type Emit = (event: eventWithTime, isCheckout?: boolean) => void;

/**
 * Every outside dependency of the SDK as an in-memory fake: the test plays rrweb (emit,
 * checkout), the clock, the page (hidden, pagehide, online) and the server (scripted results).
 * `tab` is the sessionStorage of one tab; pass it to a second world to model the next page.
 */
export function createFakeWorld(opts: { tab?: { store: KeyValueStore; map: Map<string, string> }; results?: SendResult[]; random?: () => number; recordFails?: boolean; ids?: string[] } = {}) {
  const clock = createFakeClock();
  const tab = opts.tab ?? { store: createMemoryStore(), map: new Map<string, string>() };
  const raw: RawStore = { getItem: (k) => tab.map.get(k) ?? null, setItem: (k, v) => void tab.map.set(k, v), removeItem: (k) => void tab.map.delete(k) };
  const results = opts.results ?? [];
  const sent: ReplayBatch[] = [];
  const attempts: ReplayBatch[] = [];
  const finals: ReplayBatch[] = [];
  const listeners = { hidden: [] as (() => void)[], pagehide: [] as (() => void)[], online: [] as (() => void)[] };
  const page = { hidden: false, online: true };
  const rrweb = { emit: null as Emit | null, starts: 0, stops: 0, checkouts: 0 };
  const ids = opts.ids ?? ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
  let idIndex = 0;

  const emitSnapshot = (isCheckout: boolean): void => {
    rrweb.emit?.({ type: 4, data: { href: 'http://site/', width: 800, height: 600 }, timestamp: clock.now() } as eventWithTime, isCheckout);
    rrweb.emit?.({ type: 2, data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } }, timestamp: clock.now() } as eventWithTime, isCheckout);
  };

  const deps: GoSightDeps = {
    store: tab.store,
    persistence: createQueuePersistence(() => raw, clock.now, silentLogger),
    transport: {
      async send(parts) {
        const batch = JSON.parse(joinParts(parts)) as ReplayBatch;
        attempts.push(batch);
        const result = results.shift() ?? { outcome: 'ok' };
        if (result.outcome === 'ok') sent.push(batch);
        return result;
      },
      sendFinal(bodies) {
        finals.push(...bodies.map((body) => JSON.parse(body) as ReplayBatch));
        return bodies.length;
      },
    },
    page: {
      onHidden: (cb) => (listeners.hidden.push(cb), () => {}),
      onPageHide: (cb) => (listeners.pagehide.push(cb), () => {}),
      onOnline: (cb) => (listeners.online.push(cb), () => {}),
      isHidden: () => page.hidden,
      isOnline: () => page.online,
    },
    startRecording(emit, onFailed) {
      rrweb.starts++;
      if (opts.recordFails) {
        onFailed();
        return { stop() {}, checkout: () => false };
      }
      rrweb.emit = emit;
      return {
        stop() {
          rrweb.stops++;
          rrweb.emit = null;
        },
        checkout() {
          rrweb.checkouts++;
          emitSnapshot(true);
          return true;
        },
      };
    },
    timers: clock,
    now: clock.now,
    random: opts.random ?? (() => 0.5),
    newSessionId: () => ids[idIndex++ % ids.length],
    // No live DOM here: every node is unknown, so text-bearing attributes are masked (fail closed).
    privacy: createSdkPrivacy(fakeConfig(), () => null),
    log: silentLogger,
  };

  return {
    deps,
    clock,
    tab,
    sent,
    attempts,
    finals,
    page,
    rrweb,
    /** rrweb's first Meta + FullSnapshot. */
    snapshot: () => emitSnapshot(false),
    /** One rrweb event of `type` (and incremental `source`) now. */
    event(type: number, data: Record<string, unknown> = {}): void {
      rrweb.emit?.({ type, data, timestamp: clock.now() } as eventWithTime);
    },
    hide: () => listeners.hidden.forEach((cb) => cb()),
    pagehide: () => listeners.pagehide.forEach((cb) => cb()),
    online: () => listeners.online.forEach((cb) => cb()),
  };
}

export const types = (batch: ReplayBatch): number[] => batch.events.map((e) => e.type);

function fakeConfig() {
  const resolved = resolveConfig({ endpoint: 'http://h', projectKey: 'k' });
  if (!resolved.ok) throw new Error(resolved.reason);
  return resolved.config;
}
