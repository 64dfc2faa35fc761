import { useEffect, useRef, useState } from 'react';

export interface PodTextState<T> {
  value: T | undefined;
  /** The last fetch failed (the previous text, if any, stays). */
  error: string | undefined;
  loading: boolean;
  /** When the shown text was fetched. */
  fetchedAt: Date | undefined;
}

/**
 * Text about a pod fetched from the cluster while it is shown: again whenever `liveKey` changes
 * (the pod's resourceVersion) and every `everyMs`, one request at a time, abandoned on unmount.
 */
export function usePodText<T>(fetch: (signal: AbortSignal) => Promise<T>, fetchKey: string, liveKey: string, everyMs: number | undefined): PodTextState<T> {
  const [state, setState] = useState<PodTextState<T>>({ value: undefined, error: undefined, loading: true, fetchedAt: undefined });
  const latest = useRef(fetch);
  latest.current = fetch;
  const inFlight = useRef<AbortController | undefined>(undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (everyMs === undefined) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);

  useEffect(() => {
    if (inFlight.current !== undefined) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState((previous) => ({ ...previous, loading: true }));
    latest.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ value, error: undefined, loading: false, fetchedAt: new Date() });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error), loading: false }));
      },
    ).finally(() => {
      if (inFlight.current === controller) inFlight.current = undefined;
    });
  }, [fetchKey, liveKey, tick]);

  useEffect(
    () => () => {
      inFlight.current?.abort();
      inFlight.current = undefined;
    },
    [fetchKey],
  );
  return state;
}
