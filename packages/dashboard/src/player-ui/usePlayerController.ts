import { useLayoutEffect, useState, type RefObject } from 'react';
import type { SessionPrefetch } from '../api/prefetchSession.js';
import { createBrowserController } from '../player/createBrowserController.js';
import { installTestHooks } from '../player/installTestHooks.js';
import type { ReplayController } from '../player/ReplayController.js';

/**
 * Creates the session's ReplayController on the stage's root element, publishes the test
 * hooks and loads it; a shared link's offset (`?t=`) is the first frame shown, paused.
 */
export function usePlayerController(
  sessionId: string,
  rootRef: RefObject<HTMLDivElement | null>,
  startOffsetMs: number | null,
  prefetch: SessionPrefetch | null,
): ReplayController | null {
  const [controller, setController] = useState<ReplayController | null>(null);
  // A layout effect: loading starts before the first paint, a frame earlier than useEffect would.
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const created = createBrowserController(sessionId, root, prefetch);
    const removeHooks = installTestHooks(window, created);
    setController(created);
    // A shared link opens right at its time: the first frame drawn is that one.
    void created.load(startOffsetMs ?? 0);
    return () => {
      removeHooks();
      created.destroy();
    };
    // The start offset and the prefetch are read once, when the session opens: they must not re-create the player.
  }, [sessionId, rootRef]);
  return controller;
}
