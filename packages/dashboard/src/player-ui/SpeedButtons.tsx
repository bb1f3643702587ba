import { PLAYBACK_SPEEDS } from '../constants.js';

interface SpeedButtonsProps {
  speed: number;
  disabled: boolean;
  onSpeed: (speed: number) => void;
}

/** One toggle per playback speed. */
export function SpeedButtons({ speed, disabled, onSpeed }: SpeedButtonsProps) {
  return (
    <div className="speed-buttons" role="group" aria-label="Playback speed">
      {PLAYBACK_SPEEDS.map((option) => (
        <button
          key={option}
          type="button"
          className={option === speed ? 'speed active' : 'speed'}
          data-testid={`speed-${option}`}
          aria-pressed={option === speed}
          disabled={disabled}
          onClick={() => onSpeed(option)}
        >
          {option}×
        </button>
      ))}
    </div>
  );
}
