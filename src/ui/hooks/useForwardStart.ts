import { useCallback, useRef, useState } from 'react';
import { forwardRequestOf, type ForwardFormState } from '../forwardForm.js';
import type { ForwardServices, ForwardView } from '../services.js';

export type ForwardStartResult = { view: ForwardView; tookFreePort: boolean } | { error: string };

/**
 * Submits the port-forward form: the local port is the remote one unless it is taken (then any
 * free one), unless the user typed one. One submission at a time.
 */
export function useForwardStart(forwards: ForwardServices | undefined): { busy: boolean; start(form: ForwardFormState): Promise<ForwardStartResult> } {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const start = useCallback(
    async (form: ForwardFormState): Promise<ForwardStartResult> => {
      if (forwards === undefined) return { error: 'port-forwarding is not available' };
      if (running.current) return { error: 'a port-forward is already starting' };
      const request = forwardRequestOf(form);
      if ('error' in request) return request;
      running.current = true;
      setBusy(true);
      try {
        const tookFreePort = request.local === undefined && !(await forwards.isFree(request.remote));
        const local = request.local ?? (tookFreePort ? 0 : request.remote);
        return { view: await forwards.start({ pod: form.pod, remote: request.remote, local }), tookFreePort };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [forwards],
  );
  return { busy, start };
}
