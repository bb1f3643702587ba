import { useEffect, useState } from 'react';

export interface ApiResource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Something read from the API, read again whenever `key` changes and not at all while it is
 * null; an answer to a request the key has moved past is dropped.
 */
export function useApiResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiResource<T> {
  const [state, setState] = useState<ApiResource<T>>({ data: null, error: null, loading: false });
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const abort = new AbortController();
    setState((previous) => ({ ...previous, error: null, loading: true }));
    load(abort.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ data: null, error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => abort.abort();
    // `load` is a fresh closure each render; the key says when it asks for something else.
  }, [key]);
  return state;
}
