import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useInput } from 'ink';
import { KeyRouter, type KeyHandler } from './keyRouter.js';

const KeyRouterContext = createContext<KeyRouter | null>(null);

/** The one stdin listener of the UI; components take keys with useKeys below it. */
export function KeyInputProvider({ children }: { children?: ReactNode }) {
  const router = useMemo(() => new KeyRouter(), []);
  useInput(useCallback((input, key) => router.receive(input, key), [router]));
  useEffect(() => () => router.dispose(), [router]);
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>;
}

/**
 * Ink's useInput, routed through the KeyRouter: keys typed together reach the handlers of the
 * screen each one finds. Registered in a layout effect, so a handler that a keypress activates
 * (the filter prompt after `/`) is there when the router passes on the next keypress.
 */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const router = useContext(KeyRouterContext);
  if (router === null) throw new Error('useKeys needs a KeyInputProvider above it');
  const latest = useRef(handler);
  latest.current = handler;
  const isActive = options.isActive ?? true;
  useLayoutEffect(() => {
    if (!isActive) return undefined;
    return router.add((input, key) => latest.current(input, key));
  }, [router, isActive]);
  // Every commit of a component taking keys: the router's cue that a keypress has been shown.
  useLayoutEffect(() => router.committed());
}
