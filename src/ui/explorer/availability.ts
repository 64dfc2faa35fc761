import type { Pod } from '../../model/apiObjects.js';
import { actionAvailability } from '../actionKeys.js';
import { keyAvailability, type KeyAvailabilityMap } from '../debugKeys.js';
import { keymap, visibleBindings, type BindingState, type KeyBinding } from '../keymap.js';
import type { ExplorerModel } from './explorerModel.js';

export interface CommandAvailability {
  availability: KeyAvailabilityMap;
  bindingState: BindingState;
  /** The keymap without the hidden commands. */
  bindings: readonly KeyBinding[];
}

const cache = new WeakMap<KeyAvailabilityMap, CommandAvailability>();

function forAvailability(availability: KeyAvailabilityMap): CommandAvailability {
  let known = cache.get(availability);
  if (known === undefined) {
    const bindingState: BindingState = (command) => {
      const state = availability[command];
      return state?.kind === 'disabled' ? { hidden: false, disabled: state.reason } : { hidden: state?.kind === 'hidden' };
    };
    known = { availability, bindingState, bindings: visibleBindings(keymap, bindingState) };
    cache.set(availability, known);
  }
  return known;
}

/** Per model (its services decide what is offered), per pod object. */
const byModel = new WeakMap<ExplorerModel, WeakMap<object, { key: string; value: CommandAvailability }>>();

/**
 * Which debug, attach, shell, log, describe, YAML, delete, kill and forward keys a pod offers: hidden under --readonly, greyed out with
 * the reason when they cannot work (stopped pod, missing RBAC permission). The same answer for the
 * keys and the hint bar, so a key never does what its hint says it cannot.
 */
export function commandAvailability(model: ExplorerModel, pod: Pod | undefined): CommandAvailability {
  const permissions = model.permissions(pod?.metadata?.namespace);
  const actionPermissions = model.actionPermissions(pod?.metadata?.namespace);
  const { services } = model;
  const holder = pod ?? model;
  const key = `${permissions === undefined ? '?' : JSON.stringify(permissions)}|${actionPermissions === undefined ? '?' : JSON.stringify(actionPermissions)}`;
  let byPod = byModel.get(model);
  if (byPod === undefined) {
    byPod = new WeakMap();
    byModel.set(model, byPod);
  }
  const known = byPod.get(holder);
  if (known !== undefined && known.key === key) return known.value;
  const value = forAvailability({
    ...keyAvailability({ canChange: services.debug !== undefined, canReadLogs: services.logs !== undefined, canReadWorkloadLogs: services.logs?.workload !== undefined, pod, permissions }),
    ...actionAvailability({ services, pod, permissions: actionPermissions }),
  });
  byPod.set(holder, { key, value });
  return value;
}
