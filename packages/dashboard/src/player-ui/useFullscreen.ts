import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Whether `ref`'s element is fullscreen, and a toggle for it. */
export function useFullscreen(ref: RefObject<HTMLElement | null>): { fullscreen: boolean; toggle: () => void } {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [ref]);
  const toggle = useCallback(() => {
    // Refused (no user gesture, or not allowed in a frame): the page simply stays as it is.
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    else ref.current?.requestFullscreen().catch(() => undefined);
  }, [ref]);
  return { fullscreen, toggle };
}
