import { useEffect, useState } from 'react';
import type { PlayerSnapshot } from '../player/playerSnapshot.js';
import type { ReplayController } from '../player/ReplayController.js';

/**
 * The playback offset to display: read every animation frame while playing, otherwise the
 * position the snapshot holds.
 */
export function useCurrentTime(controller: ReplayController | null, snapshot: PlayerSnapshot): number {
  const [liveTime, setLiveTime] = useState(0);
  const playing = snapshot.state === 'playing';

  useEffect(() => {
    if (!controller || !playing) return;
    let frame = requestAnimationFrame(function tick() {
      setLiveTime(controller.currentTime());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [controller, playing]);

  return playing ? liveTime : snapshot.positionMs;
}
