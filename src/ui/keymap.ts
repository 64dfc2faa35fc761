import type { Key } from 'ink';
import type { Pane } from './state.js';

/** Every action a key can trigger. */
export type Command =
  | 'cursor.up'
  | 'cursor.down'
  | 'cursor.pageUp'
  | 'cursor.pageDown'
  | 'cursor.first'
  | 'cursor.last'
  | 'focus.next'
  | 'focus.previous'
  | 'tree.toggle'
  | 'tree.collapse'
  | 'tree.expand'
  | 'tree.details'
  | 'namespace.pick'
  | 'namespace.all'
  | 'filter.edit'
  | 'filter.clear'
  | 'sort.next'
  | 'sort.previous'
  | 'sort.reverse'
  | 'sort.cpu'
  | 'sort.memory'
  | 'events.scope'
  | 'help.show'
  | 'command.open'
  | 'debug.open'
  | 'debug.attach'
  | 'shell.open'
  | 'logs.open'
  | 'pod.describe'
  | 'pod.yaml'
  | 'pod.delete'
  | 'pod.kill'
  | 'forward.open'
  | 'app.quit';

/**
 * Key names: a printed character as typed (`j`, `G`, `?`, ` ` for space), `ctrl+<letter>`, or one
 * of `up down left right pageup pagedown home end tab shift+tab return escape backspace delete`.
 */
export type KeyName = string;

/** Where a binding applies: in every pane, or only while that pane has the focus. */
export type BindingScope = 'global' | Pane;

export interface KeyBinding {
  command: Command;
  keys: readonly KeyName[];
  description: string;
  scope: BindingScope;
  /** Short label for the one-line hint bar; bindings without one are left to the help screen. */
  hint?: string;
  /** Changes the cluster: not offered at all with --readonly. */
  danger?: true;
  /** The access review it depends on: greyed out with the reason when the answer is no. */
  needs?: 'deletePod' | 'portForward';
}

/*
 * `l` logs, `s` shell, `d` debug and `a` attach act on the pod (in the table) or on the selected
 * container (in the tree); `p t w c` belong to the log view. That is why sorting is `O`/`<`/`>` and
 * the tree folds with `h`/arrows/Enter rather than `h`/`l`.
 */
export const keymap: readonly KeyBinding[] = [
  { command: 'debug.open', keys: ['d'], description: 'Debug: add an ephemeral container and attach (a stopped pod: a copy of it)', scope: 'pods', hint: 'debug' },
  { command: 'debug.attach', keys: ['a'], description: "Attach to the pod's newest debug container (logs once it exited)", scope: 'pods', hint: 'attach' },
  { command: 'shell.open', keys: ['s'], description: 'Shell in the default container (bash, else sh)', scope: 'pods', hint: 'shell' },
  { command: 'logs.open', keys: ['l'], description: "Logs of the pod's default container", scope: 'pods', hint: 'logs' },
  { command: 'pod.describe', keys: ['D'], description: 'Describe the pod as kubectl describe does, with its events (live; / searches)', scope: 'pods', hint: 'describe' },
  { command: 'pod.yaml', keys: ['y'], description: 'The pod as YAML (m shows managedFields, s saves it to a file)', scope: 'pods' },
  { command: 'pod.delete', keys: ['ctrl+d'], description: 'Delete the pod with its grace period (asks first)', scope: 'pods', hint: 'delete', danger: true, needs: 'deletePod' },
  { command: 'pod.kill', keys: ['ctrl+k'], description: 'Kill the pod: grace period 0, forced (asks you to type kill)', scope: 'pods', danger: true, needs: 'deletePod' },
  { command: 'forward.open', keys: ['F'], description: 'Port-forward: pick a container port and a local port (:pf lists the forwards)', scope: 'pods', hint: 'forward', needs: 'portForward' },
  { command: 'tree.toggle', keys: ['return', ' ', 'o'], description: 'Fold or unfold the selected node', scope: 'tree', hint: 'fold' },
  { command: 'tree.collapse', keys: ['h', 'left'], description: 'Fold the node (or its parent)', scope: 'tree' },
  { command: 'tree.expand', keys: ['right'], description: 'Unfold the node', scope: 'tree' },
  { command: 'debug.open', keys: ['d'], description: "Debug the pod, sharing the selected container's processes (a stopped pod: a copy)", scope: 'tree', hint: 'debug' },
  { command: 'debug.attach', keys: ['a'], description: 'Attach to the selected debug container (logs once it exited)', scope: 'tree', hint: 'attach' },
  { command: 'shell.open', keys: ['s'], description: 'Shell in the selected app container (bash, else sh)', scope: 'tree', hint: 'shell' },
  { command: 'logs.open', keys: ['l'], description: 'Logs of the selected container', scope: 'tree', hint: 'logs' },
  { command: 'pod.describe', keys: ['D'], description: 'Describe the pod as kubectl describe does, with its events (live; / searches)', scope: 'tree', hint: 'describe' },
  { command: 'pod.yaml', keys: ['y'], description: 'The pod as YAML (m shows managedFields, s saves it to a file)', scope: 'tree' },
  { command: 'pod.delete', keys: ['ctrl+d'], description: 'Delete the pod with its grace period (asks first)', scope: 'tree', hint: 'delete', danger: true, needs: 'deletePod' },
  { command: 'pod.kill', keys: ['ctrl+k'], description: 'Kill the pod: grace period 0, forced (asks you to type kill)', scope: 'tree', danger: true, needs: 'deletePod' },
  { command: 'forward.open', keys: ['F'], description: 'Port-forward: pick a container port and a local port (:pf lists the forwards)', scope: 'tree', hint: 'forward', needs: 'portForward' },
  { command: 'tree.details', keys: ['x'], description: 'Show or fold every spec (resources, probes, mounts, env, security; the pod: scheduling)', scope: 'tree', hint: 'details' },
  { command: 'help.show', keys: ['?'], description: 'Show every key', scope: 'global', hint: 'help' },
  { command: 'cursor.down', keys: ['j', 'down'], description: 'Move down (select the next pod, tree line or event)', scope: 'global', hint: 'move' },
  { command: 'cursor.up', keys: ['k', 'up'], description: 'Move up', scope: 'global', hint: 'move' },
  { command: 'cursor.pageDown', keys: ['pagedown', 'ctrl+f'], description: 'Page down', scope: 'global' },
  { command: 'cursor.pageUp', keys: ['pageup', 'ctrl+b'], description: 'Page up', scope: 'global' },
  { command: 'cursor.first', keys: ['g', 'home'], description: 'Go to the top', scope: 'global' },
  { command: 'cursor.last', keys: ['G', 'end'], description: 'Go to the bottom (events: follow the newest)', scope: 'global' },
  { command: 'focus.next', keys: ['tab'], description: 'Focus the next pane (pods, containers, events)', scope: 'global', hint: 'pane' },
  { command: 'focus.previous', keys: ['shift+tab'], description: 'Focus the previous pane', scope: 'global' },
  { command: 'filter.edit', keys: ['/'], description: 'Filter pods: fuzzy name, or labels like app=web,tier!=db', scope: 'global', hint: 'filter' },
  { command: 'filter.clear', keys: ['escape'], description: 'Clear the filter', scope: 'global' },
  { command: 'namespace.pick', keys: ['n'], description: 'Choose a namespace', scope: 'global', hint: 'namespace' },
  { command: 'namespace.all', keys: ['A'], description: 'Toggle all namespaces', scope: 'global', hint: 'all' },
  { command: 'sort.next', keys: ['O', '>'], description: 'Sort by the next column (name, age, restarts, status)', scope: 'global', hint: 'sort' },
  { command: 'sort.previous', keys: ['<'], description: 'Sort by the previous column', scope: 'global' },
  { command: 'sort.reverse', keys: ['R'], description: 'Reverse the sort order', scope: 'global' },
  { command: 'sort.cpu', keys: ['C'], description: 'Sort by CPU usage, busiest first (again: reverse); the CPU column shows used, % of request/limit', scope: 'global' },
  { command: 'sort.memory', keys: ['M'], description: 'Sort by memory usage, largest first (again: reverse); the MEM column', scope: 'global' },
  { command: 'events.scope', keys: ['e'], description: "Events: the selected pod's or all of the namespace", scope: 'global', hint: 'events' },
  { command: 'command.open', keys: [':'], description: 'Command line (ns <name>, ns, ctx <name>, ctx, pf, q)', scope: 'global' },
  { command: 'app.quit', keys: ['q', 'ctrl+c'], description: 'Quit', scope: 'global', hint: 'quit' },
];

/** The bindings that apply while `pane` has the focus, the pane's own first. */
export function bindingsFor(pane: Pane, bindings: readonly KeyBinding[] = keymap): KeyBinding[] {
  return [...bindings.filter((b) => b.scope === pane), ...bindings.filter((b) => b.scope === 'global')];
}

/** The key name of one keypress as Ink reports it, or undefined for pastes and unnamed keys. */
export function keyNameOf(input: string, key: Key): KeyName | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if ([...input].length !== 1) return undefined;
  if (key.ctrl) return `ctrl+${input.toLowerCase()}`;
  if (key.meta) return `meta+${input}`;
  return input;
}

/**
 * The key named by one keypress, if any. Keys typed together arrive one by one (the KeyRouter splits
 * them), so several characters at once are a paste: never a command.
 */
export function keyNamesOf(input: string, key: Key): KeyName[] {
  const name = keyNameOf(input, key);
  return name === undefined ? [] : [name];
}

export function commandForKey(name: KeyName, pane: Pane = 'pods', bindings: readonly KeyBinding[] = keymap): Command | undefined {
  return bindingsFor(pane, bindings).find((b) => b.keys.includes(name))?.command;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  ' ': 'Space',
};

const ASCII_KEY_LABELS: Readonly<Record<string, string>> = { ...KEY_LABELS, up: 'Up', down: 'Down', left: 'Left', right: 'Right' };

/** How a key is written for people: `PgUp`, `^F`, `j`. */
export function keyLabel(name: KeyName, unicode: boolean): string {
  const label = (unicode ? KEY_LABELS : ASCII_KEY_LABELS)[name];
  if (label !== undefined) return label;
  const ctrl = /^ctrl\+(.)$/.exec(name);
  if (ctrl?.[1] !== undefined) return `^${ctrl[1].toUpperCase()}`;
  return name;
}

export interface Hint {
  keys: string;
  label: string;
  /** Why the key cannot work here; the hint is then shown greyed out with the reason. */
  disabled?: string;
}

/** Whether a binding is offered at all, and why it cannot work when it is greyed out. */
export type BindingState = (command: Command) => { hidden: boolean; disabled?: string };

/** The bindings minus the hidden ones (e.g. every key that changes something under --readonly). */
export function visibleBindings(bindings: readonly KeyBinding[], state: BindingState | undefined): KeyBinding[] {
  return state === undefined ? [...bindings] : bindings.filter((b) => !state(b.command).hidden);
}

/**
 * One hint per distinct label, in binding order, showing the first key of each binding that shares
 * it: `j/k move`, `Tab pane`, `q quit`.
 */
export function hintsFor(bindings: readonly KeyBinding[], unicode: boolean, state?: BindingState): Hint[] {
  const hints: Hint[] = [];
  const byLabel = new Map<string, string[]>();
  const disabled = new Map<string, string>();
  for (const binding of bindings) {
    const first = binding.keys[0];
    if (binding.hint === undefined || first === undefined) continue;
    let keys = byLabel.get(binding.hint);
    if (keys === undefined) {
      keys = [];
      byLabel.set(binding.hint, keys);
      hints.push({ keys: '', label: binding.hint });
      const reason = state?.(binding.command).disabled;
      if (reason !== undefined) disabled.set(binding.hint, reason);
    }
    keys.push(keyLabel(first, unicode));
  }
  return hints.map((h) => {
    const reason = disabled.get(h.label);
    const hint: Hint = { label: h.label, keys: (byLabel.get(h.label) ?? []).join('/') };
    return reason === undefined ? hint : { ...hint, disabled: reason };
  });
}

export interface HelpGroup {
  title: string;
  bindings: KeyBinding[];
}

const GROUP_TITLES: Readonly<Record<BindingScope, string>> = {
  global: 'Everywhere',
  pods: 'Pod table',
  tree: 'Container tree',
  events: 'Events',
};

/** The keymap grouped for the help screen: everywhere first, then each pane's own keys. */
export function helpGroups(bindings: readonly KeyBinding[] = keymap): HelpGroup[] {
  const order: BindingScope[] = ['global', 'pods', 'tree', 'events'];
  return order
    .map((scope) => ({ title: GROUP_TITLES[scope], bindings: bindings.filter((b) => b.scope === scope) }))
    .filter((g) => g.bindings.length > 0);
}
