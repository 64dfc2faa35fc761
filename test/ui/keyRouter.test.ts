import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseKeypresses, type Keypress } from '../../src/ui/input/keypress.js';
import { COMMIT_WAIT_MS, KeyRouter, type KeyOwner, type KeyTarget } from '../../src/ui/input/keyRouter.js';
import { keyNameOf } from '../../src/ui/keymap.js';

const names = (keys: readonly Keypress[]): (string | undefined)[] => keys.map((k) => keyNameOf(k.input, k.key) ?? `paste:${k.input}`);

describe('parseKeypresses', () => {
  test('splits a run of typed text into its keys, repeats included, capitals shifted', () => {
    expect(names(parseKeypresses('/pending-4999\r'))).toEqual(['/', 'p', 'e', 'n', 'd', 'i', 'n', 'g', '-', '4', '9', '9', '9', 'return']);
    expect(parseKeypresses('aB')[1]?.key.shift).toBe(true);
  });

  test('control characters are their keys', () => {
    expect(names(parseKeypresses('\t\x7f\b\x06\x03'))).toEqual(['tab', 'delete', 'backspace', 'ctrl+f', 'ctrl+c']);
  });

  test('known sequences, with modifiers dropped', () => {
    expect(names(['\x1b[A', '\x1bOB', '\x1b[5~', '\x1b[6~', '\x1b[H', '\x1b[F', '\x1b[1~', '\x1b[4~', '\x1b[Z', '\x1b[1;5C'].flatMap(parseKeypresses))).toEqual([
      'up', 'down', 'pageup', 'pagedown', 'home', 'end', 'home', 'end', 'shift+tab', 'right',
    ]);
  });

  test('Esc typed before a key (read together as Alt+key) is Esc and the key', () => {
    expect(names(parseKeypresses('\x1b/'))).toEqual(['escape', '/']);
    expect(names(parseKeypresses('\x1b\x1b'))).toEqual(['escape', 'escape']);
    expect(names(parseKeypresses('\x1bOj'))).toEqual(['escape', 'O', 'j']);
    expect(names(parseKeypresses('\x1b\x1b[A'))).toEqual(['escape', 'up']);
    expect(names(parseKeypresses('\x1b'))).toEqual(['escape']);
    expect(names(parseKeypresses('\x1bO'))).toEqual(['escape', 'O']);
  });

  test("a terminal's own keys that podscope does not know are dropped, not typed", () => {
    expect(parseKeypresses('\x1b[15~')).toEqual([]);
    expect(parseKeypresses('\x1bOP')).toEqual([]);
  });
});

interface Recorder extends KeyTarget {
  seen: string[];
  setOwner(owner: KeyOwner): void;
  setWaiting(reason: string | undefined): void;
}

function recorder(): Recorder {
  let owner: KeyOwner = 'model';
  let waiting: string | undefined;
  const listeners = new Set<() => void>();
  const seen: string[] = [];
  return {
    seen,
    owner: () => owner,
    handle: (k) => seen.push(`model:${keyNameOf(k.input, k.key) ?? k.input}`),
    isUrgent: (k) => k.key.ctrl && k.input === 'c',
    waitingFor: () => waiting,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOwner(next) {
      owner = next;
    },
    setWaiting(reason) {
      waiting = reason;
      for (const listener of [...listeners]) listener();
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KeyRouter', () => {
  test('hands every key to the model at once, in order, however many arrive together', () => {
    const target = recorder();
    const router = new KeyRouter(target, { sliceMs: 10_000 });
    router.receive('abcdef123456');
    router.receive('\x1b/');
    router.receive('4999\r');
    expect(target.seen.join(' ')).toBe('model:a model:b model:c model:d model:e model:f model:1 model:2 model:3 model:4 model:5 model:6 model:escape model:/ model:4 model:9 model:9 model:9 model:return');
  });

  test('while a list loads keys wait for it (at most maxWaitMs); Ctrl-C never waits', () => {
    vi.useFakeTimers();
    const target = recorder();
    const router = new KeyRouter(target, { maxWaitMs: 1_000 });
    target.setWaiting('pods');
    router.receive('/web');
    router.receive('\x03');
    expect(target.seen).toEqual(['model:ctrl+c']);
    expect(router.pending).toBe(4);
    target.setWaiting(undefined);
    vi.advanceTimersByTime(1);
    expect(target.seen).toEqual(['model:ctrl+c', 'model:/', 'model:w', 'model:e', 'model:b']);
    target.setWaiting('namespaces');
    router.receive('x');
    vi.advanceTimersByTime(999);
    expect(router.pending).toBe(1);
    vi.advanceTimersByTime(1);
    expect(target.seen.at(-1)).toBe('model:x');
  });

  test('a long burst is handled in turns, so frames get drawn between them, still in order', async () => {
    const target = recorder();
    const slow = { ...target, handle: (k: Keypress) => {
      const until = Date.now() + 2;
      while (Date.now() < until);
      target.handle(k);
    } };
    const router = new KeyRouter(slow, { sliceMs: 5 });
    router.receive('x'.repeat(20));
    expect(target.seen.length).toBeLessThan(20);
    await vi.waitFor(() => expect(target.seen).toHaveLength(20));
  });

  test('component handlers get keys one at a time, each after React committed the one before (or COMMIT_WAIT_MS)', () => {
    vi.useFakeTimers();
    const target = recorder();
    target.setOwner('components');
    const router = new KeyRouter(target);
    const got: string[] = [];
    router.receive('ab');
    // No handler yet (the log view is not mounted): the keys wait for it.
    expect(router.pending).toBe(2);
    router.add((input) => got.push(input));
    vi.advanceTimersByTime(0);
    expect(got).toEqual(['a']);
    router.committed();
    return Promise.resolve().then(() => {
      expect(got).toEqual(['a', 'b']);
      router.receive('c');
      vi.advanceTimersByTime(COMMIT_WAIT_MS);
      expect(got).toEqual(['a', 'b', 'c']);
      router.dispose();
    });
  });

  test('a bracketed paste is one input, its line breaks kept for the field to drop', () => {
    const target = recorder();
    const router = new KeyRouter(target);
    router.receive('\x1b[200~');
    router.receive('web\rx');
    router.receive('\x1b[201~');
    expect(target.seen).toEqual(['model:web\rx']);
  });

  test('drops what is queued on dispose', () => {
    const target = recorder();
    target.setWaiting('pods');
    const router = new KeyRouter(target);
    router.receive('abc');
    router.dispose();
    target.setWaiting(undefined);
    expect(target.seen).toEqual([]);
  });
});
