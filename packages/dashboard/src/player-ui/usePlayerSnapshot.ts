import { useCallback, useSyncExternalStore } from 'react';
import { INITIAL_PLAYER_SNAPSHOT, type PlayerSnapshot } from '../player/playerSnapshot.js';
import type { ReplayController } from '../player/ReplayController.js';

const noop = () => undefined;

/** Subscribes a component to a controller's snapshot (the initial one while there is no controller). */
export function usePlayerSnapshot(controller: ReplayController | null): PlayerSnapshot {
  const subscribe = useCallback((listener: () => void) => controller?.subscribe(listener) ?? noop, [controller]);
  const getSnapshot = useCallback(() => controller?.getSnapshot() ?? INITIAL_PLAYER_SNAPSHOT, [controller]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
