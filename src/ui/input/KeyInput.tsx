import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useStdin } from 'ink';
import { KeyRouter, type KeyHandler, type KeyRouterOptions, type KeyTarget } from './keyRouter.js';

const KeyRouterContext = createContext<KeyRouter | null>(null);

/** Every key to the component handlers: for a component used alone (the log view in its tests). */
const COMPONENTS_ONLY: KeyTarget = {
  owner: () => 'components',
  handle: () => undefined,
  isUrgent: () => false,
  waitingFor: () => undefined,
  subscribe: () => () => undefined,
};

export interface KeyInputProviderProps {
  /** Where keys go; by default all to the component handlers. */
  target?: KeyTarget;
  options?: KeyRouterOptions;
  children?: ReactNode;
}

/**
 * The one stdin listener of the UI. It takes Ink's input events raw (each a run of text or one
 * escape sequence, as Ink's parser cuts them) rather than through useInput, which reads `ESC /`
 * typed fast as Alt+/ and loses the Esc.
 */
export function KeyInputProvider({ target = COMPONENTS_ONLY, options, children }: KeyInputProviderProps) {
  const router = useMemo(() => new KeyRouter(target, options), [target]);
  // eslint-disable-next-line @typescript-eslint/naming-convention
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    const onInput = (event: string) => router.receive(event);
    internal_eventEmitter.on('input', onInput);
    return () => {
      internal_eventEmitter.removeListener('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [router, setRawMode, isRawModeSupported, internal_eventEmitter]);
  useEffect(() => () => router.dispose(), [router]);
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>;
}

/**
 * Keys for a component that keeps its own state in React (the log view): it gets every key while
 * the model says components own the keyboard, each after React has shown the one before.
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
  // Every commit of a component taking keys: the router's cue that a key has been shown.
  useLayoutEffect(() => router.committed());
}
