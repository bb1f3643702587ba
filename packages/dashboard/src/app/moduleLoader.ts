/**
 * Loads a code-split module once and remembers it, so a route can render it synchronously
 * when it is already there. Used instead of React.lazy + Suspense for the player: React 19
 * holds a resolved Suspense boundary back for up to 300 ms (fallback throttling), which would
 * be most of the player's time-to-first-frame budget.
 */
export interface ModuleLoader<T> {
  /** Starts loading (once); resolves with the module's export. */
  load(): Promise<T>;
  /** The export if already loaded, else null. */
  loaded(): T | null;
}

export function createModuleLoader<T>(importer: () => Promise<T>): ModuleLoader<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load() {
      pending ??= importer().then((loaded) => {
        value = loaded;
        return loaded;
      });
      return pending;
    },
    loaded: () => value,
  };
}
