import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContextServices } from '../services.js';

export type SwitchState =
  | { kind: 'idle' }
  /** Forwards are open: they stop on a switch, so the user confirms first. */
  | { kind: 'confirm'; name: string; forwards: number }
  | { kind: 'switching'; name: string }
  | { kind: 'failed'; name: string; error: string };

/**
 * A context switch from the picker: asks first when port-forwards would stop, connects, and on
 * failure says why and leaves everything as it was (on success the UI is mounted again for it).
 */
export function useContextSwitch(contexts: ContextServices, activeForwards: number): { state: SwitchState; request(name: string): void; confirm(): void; cancel(): void } {
  const [state, setState] = useState<SwitchState>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(
    (name: string) => {
      setState({ kind: 'switching', name });
      contexts.switchTo(name).catch((error: unknown) => {
        if (mounted.current) setState({ kind: 'failed', name, error: error instanceof Error ? error.message : String(error) });
      });
    },
    [contexts],
  );
  const request = useCallback(
    (name: string) => {
      if (state.kind === 'switching') return;
      if (activeForwards > 0) setState({ kind: 'confirm', name, forwards: activeForwards });
      else run(name);
    },
    [state.kind, activeForwards, run],
  );
  const confirm = useCallback(() => {
    if (state.kind === 'confirm') run(state.name);
  }, [state, run]);
  const cancel = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, request, confirm, cancel };
}
