import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { commandForKey, hintsFor, keyLabel, keyNameOf, keymap } from '../../src/ui/keymap.js';

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
  test('no key is bound to two commands', () => {
    const keys = keymap.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
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

  test('hints group the bindings that share a label', () => {
    expect(hintsFor(keymap, true)).toEqual([
      { keys: 'j/k', label: 'move' },
      { keys: 'PgDn/PgUp', label: 'page' },
      { keys: 'g/G', label: 'top/bottom' },
      { keys: 'q', label: 'quit' },
    ]);
  });
});
