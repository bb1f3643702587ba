import { useCallback, useState } from 'react';

/** Runs one change at a time, keeping its error and a short "saved" note for the card that made it. */
export function useAction(onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, doneNote: string | ((result: T) => string) = 'Saved.') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await action();
      setDone(typeof doneNote === 'string' ? doneNote : doneNote(result));
      onDone?.();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }, [onDone]);
  return { busy, error, done, run };
}
