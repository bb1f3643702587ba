/** A hand-driven clock with setTimeout/setInterval, for unit tests. */
export function createFakeClock(start = 1_700_000_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void; everyMs?: number }>();
  const clock = {
    now: () => now,
    setTimeout(callback: () => void, delayMs: number): unknown {
      const id = nextId++;
      timers.set(id, { at: now + delayMs, callback });
      return id;
    },
    clearTimeout(handle: unknown): void {
      timers.delete(handle as number);
    },
    setInterval(callback: () => void, everyMs: number): unknown {
      const id = nextId++;
      timers.set(id, { at: now + everyMs, callback, everyMs });
      return id;
    },
    clearInterval(handle: unknown): void {
      timers.delete(handle as number);
    },
    /** Delays of pending one-shot timers, soonest first. */
    pendingDelays(): number[] {
      return [...timers.values()].filter((t) => t.everyMs === undefined).map((t) => t.at - now).sort((a, b) => a - b);
    },
    /** Moves time forward, running every timer that comes due, in order. */
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        now = Math.max(now, timer.at);
        if (timer.everyMs !== undefined) timer.at += timer.everyMs;
        else timers.delete(id);
        timer.callback();
      }
      now = end;
    },
  };
  return clock;
}

/** Lets pending promise callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
