import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useStdout } from 'ink';
import type { TerminalSize } from '../layout.js';

const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

/** The terminal size, re-read whenever stdout reports a resize. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const subscribe = useCallback(
    (onChange: () => void) => {
      stdout.on('resize', onChange);
      return () => {
        stdout.off('resize', onChange);
      };
    },
    [stdout],
  );
  // A string snapshot is compared by value, so an unchanged size never re-renders.
  const key = useSyncExternalStore(subscribe, () => `${stdout.columns || FALLBACK.columns}x${stdout.rows || FALLBACK.rows}`);
  return useMemo(() => {
    const [columns, rows] = key.split('x').map(Number);
    return { columns: columns ?? FALLBACK.columns, rows: rows ?? FALLBACK.rows };
  }, [key]);
}
