// Loads a page's data: the latest answer wins (an older request finishing late is dropped), and
// errors become a message to show, never an exception that blanks the page.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: string;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with what an action answered, without a new request. */
  set: (data: T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(value);
        setError('');
        setLoading(false);
      },
      (e: unknown) => {
        if (call !== latest.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    // `load` is a new closure each render; `deps` say when it asks something new.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, set: setData };
}

/** An error as the message to show: the server's own words when it sent some. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
