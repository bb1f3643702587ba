import { useState, type CSSProperties } from 'react';

interface SeekBarProps {
  currentMs: number;
  durationMs: number;
  loadedUntilMs: number;
  disabled: boolean;
  /** Called for every position while dragging; resolves once that frame is shown. */
  onSeek: (offsetMs: number) => Promise<void>;
}

const percent = (part: number, whole: number): string =>
  `${whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0}%`;

/** Range input over the session; the track shows the played and the loaded part. */
export function SeekBar({ currentMs, durationMs, loadedUntilMs, disabled, onSeek }: SeekBarProps) {
  // While a drag's seek is in flight the thumb follows the pointer, not the player.
  const [dragMs, setDragMs] = useState<number | null>(null);
  const shownMs = dragMs ?? currentMs;
  const style = {
    '--played': percent(shownMs, durationMs),
    '--loaded': percent(loadedUntilMs, durationMs),
  } as CSSProperties;

  return (
    <input
      type="range"
      className="seek-bar"
      data-testid="seek-bar"
      aria-label="Seek"
      min={0}
      max={Math.max(durationMs, 0)}
      step={1}
      value={Math.min(shownMs, durationMs)}
      disabled={disabled}
      style={style}
      onChange={(event) => {
        const target = Number(event.currentTarget.value);
        setDragMs(target);
        onSeek(target)
          .catch(() => undefined) // failures show in the player's error line
          .finally(() => setDragMs((pending) => (pending === target ? null : pending)));
      }}
    />
  );
}
