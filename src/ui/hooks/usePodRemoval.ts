import { useCallback } from 'react';
import { useUiActions } from '../contexts/UiStateContext.js';
import type { PodActionServices, PodRef } from '../services.js';
import { singleLine } from '../text.js';

/** Runs a confirmed delete or kill and says on the status line how it went. */
export function usePodRemoval(actions: PodActionServices | undefined): (pod: PodRef, kind: 'delete' | 'kill') => void {
  const ui = useUiActions();
  return useCallback(
    (pod, kind) => {
      const remove = actions?.remove;
      if (remove === undefined) return;
      const name = `${pod.namespace}/${pod.name}`;
      ui.showMessage({ text: singleLine(`${kind === 'kill' ? 'killing' : 'deleting'} ${name}…`), level: 'info' });
      remove(pod, kind).then(
        (outcome) => {
          const text = outcome.gone
            ? `${name} ${kind === 'kill' ? 'killed (removed at once)' : 'deleted'}`
            : `${name} is terminating (grace period ${outcome.gracePeriodSeconds ?? '?'}s)`;
          const warning = outcome.warning === undefined ? '' : ` (${outcome.warning})`;
          ui.showMessage({ text: singleLine(`${text}${warning}`), level: outcome.warning === undefined ? 'info' : 'warning' });
        },
        (error: unknown) => ui.showMessage({ text: singleLine(`cannot ${kind} ${name}: ${error instanceof Error ? error.message : String(error)}`), level: 'error' }),
      );
    },
    [actions, ui],
  );
}
