import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { bindingsFor, commandForKey, helpGroups, hintsFor, keyLabel, keyNameOf, keymap } from '../../src/ui/keymap.js';

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

  test('the keys later screens need stay free on the pod table', () => {
    for (const key of ['l', 'd', 'a', 's']) expect(commandForKey(key, 'pods')).toBeUndefined();
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
    expect(new Set(grouped.map((b) => b.command)).size).toBe(keymap.length);
    expect(helpGroups().map((g) => g.title)).toEqual(['Everywhere', 'Container tree']);
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
      '? help', 'j/k move', 'Tab pane', '/ filter', 'n namespace', 'A all', 'O sort', 'e events', 'q quit',
    ]);
    expect(hintsFor(bindingsFor('tree'), false)[0]).toEqual({ keys: 'Enter', label: 'fold' });
  });
});
