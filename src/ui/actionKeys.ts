import type { Pod } from '../model/apiObjects.js';
import type { KeyAvailability, KeyAvailabilityMap } from './debugKeys.js';
import { keymap, type Command, type KeyBinding } from './keymap.js';
import type { PodActionPermissions, UiServices } from './services.js';

const ACTION_COMMANDS: readonly Command[] = ['pod.describe', 'pod.yaml', 'pod.delete', 'pod.kill', 'forward.open'];

export interface ActionKeyContext {
  services: Pick<UiServices, 'actions' | 'forwards' | 'info'>;
  pod: Pod | undefined;
  /** undefined until the access review answers (the keys then stay on; the server refuses if it must). */
  permissions: PodActionPermissions | undefined;
}

function bindingOf(command: Command, bindings: readonly KeyBinding[]): KeyBinding | undefined {
  return bindings.find((binding) => binding.command === command);
}

/** Whether the service behind a command is there at all. */
function offered(command: Command, services: ActionKeyContext['services']): boolean {
  if (command === 'forward.open') return services.forwards !== undefined;
  if (command === 'pod.delete' || command === 'pod.kill') return services.actions?.remove !== undefined;
  return services.actions !== undefined;
}

/**
 * The describe, YAML, delete, kill and forward keys from their keymap metadata: a `danger` key is
 * not offered with --readonly, and a key whose access review said no is greyed out with the reason.
 */
export function actionAvailability(context: ActionKeyContext, bindings: readonly KeyBinding[] = keymap): KeyAvailabilityMap {
  const map: KeyAvailabilityMap = {};
  for (const command of ACTION_COMMANDS) {
    const binding = bindingOf(command, bindings);
    if (binding === undefined || !offered(command, context.services) || (binding.danger === true && context.services.info.readonly)) {
      map[command] = { kind: 'hidden' };
      continue;
    }
    let state: KeyAvailability = { kind: 'enabled' };
    const permission = binding.needs === undefined ? undefined : context.permissions?.[binding.needs];
    if (permission !== undefined && !permission.allowed) state = { kind: 'disabled', reason: `forbidden: ${permission.reason ?? 'not allowed'}` };
    map[command] = state;
  }
  return map;
}
