import { useEffect, useRef } from 'react';
import { commandForKey, type PlayerCommand } from '../shortcuts/keymap.js';

/** Typing into these is never a shortcut. */
function isEditable(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.tagName !== 'string') return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** Runs the player's keyboard shortcuts (see keymap.ts) while the page is open. */
export function useKeyboardShortcuts(run: (command: PlayerCommand) => void): void {
  // The latest `run` without re-subscribing on every render.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey({
        key: event.key,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        inEditable: isEditable(event.target),
      });
      if (!command) return;
      // A focused button would also "click" on Space; the shortcut is the only action.
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
