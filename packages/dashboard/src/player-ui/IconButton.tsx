import type { ReactNode } from 'react';

interface IconButtonProps {
  label: string;
  /** Shown in the tooltip, e.g. "F". */
  shortcut?: string;
  testId: string;
  /** Set for a toggle (it then reports aria-pressed); leave out for a plain action. */
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A square icon button with an accessible name and a tooltip naming its shortcut. */
export function IconButton({ label, shortcut, testId, active, disabled = false, onClick, children }: IconButtonProps) {
  return (
    <button
      type="button"
      className={`icon-button${active ? ' active' : ''}`}
      data-testid={testId}
      aria-label={label}
      aria-pressed={active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
