import { debugCommandsFor, type DebugCommand } from '../../hooks/useDebugCommands.js';
import type { DebugLaunch } from '../../hooks/useDebugLaunch.js';
import type { SessionOpener } from '../../hooks/useSessionOpener.js';
import type { Keypress } from '../../input/keypress.js';
import type { KeyTarget } from '../../input/keyRouter.js';
import { commandForKey, keyLabel, keyNameOf, type Command } from '../../keymap.js';
import { commandAvailability } from '../availability.js';
import type { ExplorerModel } from '../explorerModel.js';
import { commandKey, debugFormKey, debugProgressKey, eventDetailKey, filterKey, helpKey, pickerKey } from './overlayKeys.js';
import { POD_ACTION_COMMANDS, podActionCommandsFor, type PodActionCommand } from './podActionCommands.js';
import { screenCommands } from './screenCommands.js';

export interface ExplorerKeysOptions {
  model: ExplorerModel;
  onQuit(): void;
  launch: DebugLaunch;
  sessions: SessionOpener;
}

const POD_COMMANDS: ReadonlySet<Command> = new Set<DebugCommand>(['debug.open', 'debug.attach', 'debug.node', 'shell.open', 'logs.open']);

function isCtrlC({ input, key }: Keypress): boolean {
  return key.ctrl && input === 'c';
}

/**
 * A key while no overlay has the keyboard: the command it is bound to in the focused pane. Pod
 * commands (d, a, s, l, and any added to POD_COMMANDS) are handed the pod of the highlighted row
 * as it is now, here and nowhere else: they cannot act on any other pod.
 */
function explorerKey(options: ExplorerKeysOptions, keypress: Keypress): void {
  const { model, onQuit, launch, sessions } = options;
  const { dispatch } = model;
  const name = keyNameOf(keypress.input, keypress.key);
  // A paste runs no command.
  if (name === undefined) return;
  const state = model.state();
  const target = model.highlighted();
  const available = commandAvailability(model, target?.pod);
  const command = commandForKey(name, state.activePane, available.bindings);
  if (command === undefined) {
    // Esc with nothing to clear is not worth a message.
    if (name !== 'escape') dispatch({ type: 'message.show', message: { text: `no command for ${keyLabel(name, model.display.unicode)} (? shows every key)`, level: 'info' } });
    return;
  }
  // A message stays until the next command.
  dispatch({ type: 'message.clear' });
  if (POD_COMMANDS.has(command)) {
    const tree = model.tree();
    const commands = debugCommandsFor({
      services: model.services,
      pod: target?.pod,
      containers: tree.containers,
      activePane: state.activePane,
      treeLine: tree.lines[tree.selected]?.id ?? null,
      availability: available.availability,
      launch,
      sessions,
      dispatch,
    });
    commands[command as DebugCommand]();
    return;
  }
  if (POD_ACTION_COMMANDS.has(command)) {
    podActionCommandsFor({ pod: target?.pod, availability: available.availability, dispatch })[command as PodActionCommand]();
    return;
  }
  screenCommands(model, onQuit)[command as Exclude<Command, DebugCommand | PodActionCommand>]();
}

/** One key, by what has the keyboard in the state the previous key left. */
export function handleExplorerKey(options: ExplorerKeysOptions, keypress: Keypress): void {
  const { model, onQuit, launch } = options;
  if (isCtrlC(keypress)) {
    onQuit();
    return;
  }
  const overlay = model.state().overlay;
  switch (overlay.kind) {
    case 'none':
      return explorerKey(options, keypress);
    case 'filter':
      return filterKey(model, keypress);
    case 'command':
      return commandKey(model, overlay, keypress, onQuit);
    case 'picker':
      return pickerKey(model, overlay, keypress);
    case 'help':
      return helpKey(model, overlay, keypress);
    case 'eventDetail':
      return eventDetailKey(model, overlay, keypress);
    case 'debugForm':
      return debugFormKey(model, overlay.form, keypress, launch);
    case 'debugProgress':
      return debugProgressKey(model, overlay, keypress, launch);
    case 'session':
      // A shell or attach opening: Esc gives up, the rest is kept for the shell.
      return options.sessions.key(keypress);
    case 'logs':
    case 'describe':
    case 'yaml':
    case 'confirmRemoval':
    case 'forwardForm':
    case 'forwards':
    case 'contexts':
      // These views take their keys themselves (KeyRouter: components).
      return;
  }
}

/** The overlays whose components take the keys (useKeys) instead of the model. */
const COMPONENT_OVERLAYS: ReadonlySet<string> = new Set(['logs', 'describe', 'yaml', 'confirmRemoval', 'forwardForm', 'forwards', 'contexts']);

/** The explorer as the KeyRouter's target. */
export function explorerKeyTarget(options: ExplorerKeysOptions): KeyTarget {
  const { model } = options;
  return {
    owner: () => (COMPONENT_OVERLAYS.has(model.state().overlay.kind) ? 'components' : 'model'),
    handle: (keypress) => handleExplorerKey(options, keypress),
    isUrgent: isCtrlC,
    waitingFor: () => model.waitingFor(),
    subscribe: model.subscribe,
  };
}
