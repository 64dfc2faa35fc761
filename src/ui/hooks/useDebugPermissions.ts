import { useEffect, useState } from 'react';
import type { DebugPermissions, DebugServices } from '../services.js';

/**
 * What the user may do in `namespace` (the services cache the answer per namespace); undefined
 * until the access review answers, or without debug services.
 */
export function useDebugPermissions(debug: DebugServices | undefined, namespace: string | undefined): DebugPermissions | undefined {
  const [answer, setAnswer] = useState<{ namespace: string; permissions: DebugPermissions } | undefined>(undefined);
  useEffect(() => {
    if (debug === undefined || namespace === undefined) return;
    let current = true;
    debug.permissions(namespace).then(
      (permissions) => {
        if (current) setAnswer({ namespace, permissions });
      },
      // A failed review leaves the keys on: the action then reports the server's own refusal.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [debug, namespace]);
  return answer !== undefined && answer.namespace === namespace ? answer.permissions : undefined;
}
