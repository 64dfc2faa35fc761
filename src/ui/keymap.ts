import type { Key } from 'ink';

/** Every action a key can trigger. Issue 3 adds namespace, filter, sort, panes and help here. */
export type Command =
  | 'cursor.up'
  | 'cursor.down'
  | 'cursor.pageUp'
  | 'cursor.pageDown'
  | 'cursor.first'
  | 'cursor.last'
  | 'app.quit';

/**
 * Key names: a printed character as typed (`j`, `G`, `?`), `ctrl+<letter>`, or one of
 * `up down left right pageup pagedown home end tab shift+tab return escape backspace delete`.
 */
export type KeyName = string;

export interface KeyBinding {
  command: Command;
  keys: readonly KeyName[];
  description: string;
  /** Short label for the one-line hint bar; bindings without one are left to the help screen. */
  hint?: string;
}

export const keymap: readonly KeyBinding[] = [
  { command: 'cursor.down', keys: ['j', 'down'], description: 'Move down', hint: 'move' },
  { command: 'cursor.up', keys: ['k', 'up'], description: 'Move up', hint: 'move' },
  { command: 'cursor.pageDown', keys: ['pagedown', 'ctrl+f'], description: 'Page down', hint: 'page' },
  { command: 'cursor.pageUp', keys: ['pageup', 'ctrl+b'], description: 'Page up', hint: 'page' },
  { command: 'cursor.first', keys: ['g', 'home'], description: 'Go to the first pod', hint: 'top/bottom' },
  { command: 'cursor.last', keys: ['G', 'end'], description: 'Go to the last pod', hint: 'top/bottom' },
  { command: 'app.quit', keys: ['q', 'ctrl+c'], description: 'Quit', hint: 'quit' },
];

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

export function commandForKey(name: KeyName, bindings: readonly KeyBinding[] = keymap): Command | undefined {
  return bindings.find((b) => b.keys.includes(name))?.command;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
};

const ASCII_KEY_LABELS: Readonly<Record<string, string>> = { ...KEY_LABELS, up: 'Up', down: 'Down' };

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
}

/**
 * One hint per distinct label, in keymap order, showing the first key of each binding that shares
 * it: `j/k move`, `PgDn/PgUp page`, `g/G top/bottom`, `q quit`.
 */
export function hintsFor(bindings: readonly KeyBinding[], unicode: boolean): Hint[] {
  const hints: Hint[] = [];
  const byLabel = new Map<string, string[]>();
  for (const binding of bindings) {
    const first = binding.keys[0];
    if (binding.hint === undefined || first === undefined) continue;
    let keys = byLabel.get(binding.hint);
    if (keys === undefined) {
      keys = [];
      byLabel.set(binding.hint, keys);
      hints.push({ keys: '', label: binding.hint });
    }
    keys.push(keyLabel(first, unicode));
  }
  return hints.map((h) => ({ label: h.label, keys: (byLabel.get(h.label) ?? []).join('/') }));
}
