import { useCallback, useMemo } from 'react';
import type { Pod } from '../../model/apiObjects.js';
import { keyAvailability, type KeyAvailabilityMap } from '../debugKeys.js';
import { keymap, visibleBindings, type BindingState, type KeyBinding } from '../keymap.js';
import type { UiServices } from '../services.js';
import { useDebugPermissions } from './useDebugPermissions.js';

export interface CommandAvailability {
  availability: KeyAvailabilityMap;
  bindingState: BindingState;
  /** The keymap without the hidden commands. */
  bindings: readonly KeyBinding[];
}

/**
 * Which debug, attach, shell and log keys the selected pod offers: hidden under --readonly, greyed
 * out with the reason when they cannot work (stopped pod, missing RBAC permission).
 */
export function useCommandAvailability(services: UiServices, pod: Pod | undefined): CommandAvailability {
  const permissions = useDebugPermissions(services.debug, pod?.metadata?.namespace);
  const availability = useMemo(
    () => keyAvailability({ canChange: services.debug !== undefined, canReadLogs: services.logs !== undefined, pod, permissions }),
    [services.debug, services.logs, pod, permissions],
  );
  const bindingState = useCallback<BindingState>(
    (command) => {
      const state = availability[command];
      return state?.kind === 'disabled' ? { hidden: false, disabled: state.reason } : { hidden: state?.kind === 'hidden' };
    },
    [availability],
  );
  const bindings = useMemo(() => visibleBindings(keymap, bindingState), [bindingState]);
  return { availability, bindingState, bindings };
}
