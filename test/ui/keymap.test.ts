import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { bindingsFor, commandForKey, helpGroups, hintsFor, keyLabel, keyNameOf, keymap, visibleBindings } from '../../src/ui/keymap.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keymap', () => {
  test('no key is bound to two commands in the same pane', () => {
    for (const pane of ['pods', 'tree', 'events'] as const) {
      const keys = keymap.filter((b) => b.scope === pane || b.scope === 'global').flatMap((b) => b.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  test('d a s l act on the pod in the table and on the selected container in the tree, not in the events', () => {
    const commands = { d: 'debug.open', a: 'debug.attach', s: 'shell.open', l: 'logs.open' } as const;
    for (const [key, command] of Object.entries(commands)) {
      expect(commandForKey(key, 'pods')).toBe(command);
      expect(commandForKey(key, 'tree')).toBe(command);
      expect(commandForKey(key, 'events')).toBeUndefined();
    }
  });

  test('hidden bindings are left out; disabled ones carry their reason into the hints', () => {
    const state = (command: string) =>
      command === 'shell.open' ? { hidden: true } : command === 'debug.open' ? { hidden: false, disabled: 'forbidden: no' } : { hidden: false };
    const bindings = visibleBindings(bindingsFor('pods'), state);
    expect(bindings.some((b) => b.command === 'shell.open')).toBe(false);
    const hints = hintsFor(bindings, true, state);
    expect(hints[0]).toEqual({ keys: 'd', label: 'debug', disabled: 'forbidden: no' });
    expect(hints.find((h) => h.label === 'attach')).toEqual({ keys: 'a', label: 'attach' });
    expect(hints.some((h) => h.label === 'shell')).toBe(false);
  });

  test('pane keys apply only in their pane', () => {
    expect(commandForKey('return', 'tree')).toBe('tree.toggle');
    expect(commandForKey(' ', 'tree')).toBe('tree.toggle');
    expect(commandForKey('h', 'tree')).toBe('tree.collapse');
    expect(commandForKey('right', 'tree')).toBe('tree.expand');
    expect(commandForKey('h', 'pods')).toBeUndefined();
    expect(commandForKey('j', 'events')).toBe('cursor.down');
    expect(bindingsFor('tree')[0]?.scope).toBe('tree');
  });

  test('help groups hold every binding once', () => {
    const grouped = helpGroups().flatMap((g) => g.bindings);
    expect(grouped).toHaveLength(keymap.length);
    expect(new Set(grouped)).toEqual(new Set(keymap));
    expect(helpGroups().map((g) => g.title)).toEqual(['Everywhere', 'Pod table', 'Container tree', 'Events']);
  });

  test('every command has a key and a description', () => {
    for (const binding of keymap) {
      expect(binding.keys.length).toBeGreaterThan(0);
      expect(binding.description).not.toBe('');
    }
  });

  test.each([
    ['j', noKey, 'cursor.down'],
    ['', { ...noKey, downArrow: true }, 'cursor.down'],
    ['k', noKey, 'cursor.up'],
    ['', { ...noKey, upArrow: true }, 'cursor.up'],
    ['', { ...noKey, pageDown: true }, 'cursor.pageDown'],
    ['f', { ...noKey, ctrl: true }, 'cursor.pageDown'],
    ['', { ...noKey, pageUp: true }, 'cursor.pageUp'],
    ['b', { ...noKey, ctrl: true }, 'cursor.pageUp'],
    ['g', noKey, 'cursor.first'],
    ['', { ...noKey, home: true }, 'cursor.first'],
    ['G', { ...noKey, shift: true }, 'cursor.last'],
    ['', { ...noKey, end: true }, 'cursor.last'],
    ['q', noKey, 'app.quit'],
    ['c', { ...noKey, ctrl: true }, 'app.quit'],
  ] as const)('%j with %o runs %s', (input, key, command) => {
    const name = keyNameOf(input, key);
    expect(name).toBeDefined();
    expect(commandForKey(name ?? '')).toBe(command);
  });

  test('unbound keys and pastes run nothing', () => {
    expect(commandForKey(keyNameOf('x', noKey) ?? '')).toBeUndefined();
    expect(keyNameOf('pasted text', noKey)).toBeUndefined();
    expect(commandForKey(keyNameOf('j', { ...noKey, ctrl: true }) ?? '')).toBeUndefined();
  });

  test('labels read like a manual, in ASCII when asked', () => {
    expect(keyLabel('pagedown', true)).toBe('PgDn');
    expect(keyLabel('ctrl+f', true)).toBe('^F');
    expect(keyLabel('down', true)).toBe('↓');
    expect(keyLabel('down', false)).toBe('Down');
  });

  test('hints group the bindings that share a label, the pane keys first', () => {
    expect(hintsFor(bindingsFor('pods'), true).map((h) => `${h.keys} ${h.label}`)).toEqual([
      'd debug', 'a attach', 's shell', 'l logs', 'D describe', '^D delete', 'F forward', '? help', 'j/k move', 'Tab pane', '/ filter', 'n namespace', 'A all', 'O sort', 'e events', 'E event', 'q quit',
    ]);
    expect(hintsFor(bindingsFor('events'), true)[0]).toEqual({ keys: 'Enter/E', label: 'event' });
    expect(hintsFor(bindingsFor('tree'), false)[0]).toEqual({ keys: 'Enter', label: 'fold' });
  });
});
