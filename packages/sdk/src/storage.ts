/** The slice of the Web Storage API the SDK needs, so tests can pass a plain object. */
export interface KeyValueStore {
  /** Returns the stored string, or null when absent. */
  getItem(key: string): string | null;
  /** Stores a string; may throw (quota, privacy mode) in real browsers. */
  setItem(key: string, value: string): void;
}

/** In-memory store: used when sessionStorage is missing or throws, and by tests. */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, String(value));
    },
  };
}

/**
 * Wraps a possibly hostile store (sessionStorage in a sandboxed iframe, Safari private mode,
 * a full quota) so it never throws. After the first failure everything stays in memory, so
 * reads keep matching writes for the life of the page.
 */
export function createSafeStore(getStore: () => KeyValueStore | null | undefined): KeyValueStore {
  const memory = createMemoryStore();
  let real: KeyValueStore | null = null;
  try {
    real = getStore() ?? null;
  } catch {
    real = null;
  }

  const fallBack = (): void => {
    real = null;
  };

  return {
    getItem(key) {
      if (real) {
        try {
          const value = real.getItem(key);
          // Mirror what the previous page left, in case the store fails later on.
          if (value !== null) memory.setItem(key, value);
          return value;
        } catch {
          fallBack();
        }
      }
      return memory.getItem(key);
    },
    setItem(key, value) {
      // Memory always gets a copy so a later fallback still knows the latest values.
      memory.setItem(key, value);
      if (!real) return;
      try {
        real.setItem(key, value);
      } catch {
        fallBack();
      }
    },
  };
}
