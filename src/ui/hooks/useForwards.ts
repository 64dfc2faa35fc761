import { useCallback, useSyncExternalStore } from 'react';
import type { ForwardServices, ForwardView } from '../services.js';

const NONE: readonly ForwardView[] = [];

/** The port-forwards, live (the services tell when one changes). */
export function useForwards(forwards: ForwardServices | undefined): readonly ForwardView[] {
  const subscribe = useCallback((onChange: () => void) => forwards?.subscribe(onChange) ?? (() => undefined), [forwards]);
  return useSyncExternalStore(subscribe, () => forwards?.list() ?? NONE);
}
