import { describe, expect, it, vi } from 'vitest';
import type { Key } from 'ink';
import { COMMIT_WAIT_MS, KeyRouter, REPEAT_WAIT_MS, splitKeypresses } from '../../src/ui/input/keyRouter.js';

const plain: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

describe('splitKeypresses', () => {
  it('splits typed characters that came in one read, keeping shift for capitals', () => {
    expect(splitKeypresses('/wG', plain).map((k) => [k.input, k.key.shift])).toEqual([['/', false], ['w', false], ['G', true]]);
  });

  it('leaves single keys and control keys whole', () => {
    expect(splitKeypresses('j', plain)).toHaveLength(1);
    expect(splitKeypresses('c', { ...plain, ctrl: true })).toHaveLength(1);
    expect(splitKeypresses('', { ...plain, upArrow: true })).toHaveLength(1);
  });

  it('turns Enter, Tab, Backspace and Ctrl letters inside a chunk into those keys', () => {
    const keys = splitKeypresses('a\t\x7f\x15\r', plain);
    expect(keys.map((k) => k.input)).toEqual(['a', '', '', 'u', '']);
    expect(keys.map((k) => [k.key.return, k.key.tab, k.key.delete, k.key.ctrl])).toEqual([
      [false, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
      [true, false, false, false],
    ]);
  });
});

describe('KeyRouter', () => {
  it('passes the next keypress on when React has committed the last one, in order across chunks', async () => {
    const router = new KeyRouter();
    const seen: string[] = [];
    router.add((input) => seen.push(input));
    router.receive('ab', plain);
    router.receive('c', plain);
    expect(seen).toEqual(['a']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['a']);
    router.committed();
    await Promise.resolve();
    expect(seen).toEqual(['a', 'b']);
    router.committed();
    await Promise.resolve();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('lets a keypress that changed nothing be followed after COMMIT_WAIT_MS', async () => {
    vi.useFakeTimers();
    try {
      const router = new KeyRouter();
      const seen: string[] = [];
      router.add((input) => seen.push(input));
      router.receive('xy', plain);
      vi.advanceTimersByTime(COMMIT_WAIT_MS - 1);
      expect(seen).toEqual(['x']);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual(['x', 'y']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a keypress only to handlers registered when it is delivered', async () => {
    const router = new KeyRouter();
    const seen: string[] = [];
    let removeSecond: () => void = () => undefined;
    // The first handler's key retires the second one, as a re-render would: the second must not get that key.
    router.add((input) => {
      seen.push(`first:${input}`);
      if (input === '/') {
        removeSecond();
        router.add((next) => seen.push(`prompt:${next}`));
      }
    });
    removeSecond = router.add((input) => seen.push(`second:${input}`));
    router.receive('/x', plain);
    router.committed();
    await Promise.resolve();
    expect(seen).toEqual(['first:/', 'first:x', 'prompt:x']);
  });

  it('passes a repeat of the same key on after REPEAT_WAIT_MS, so a held key that changes nothing does not pile up', () => {
    vi.useFakeTimers();
    try {
      const router = new KeyRouter();
      const seen: string[] = [];
      router.add((input) => seen.push(input));
      router.receive('jjjk', plain);
      vi.advanceTimersByTime(REPEAT_WAIT_MS * 2);
      expect(seen).toEqual(['j', 'j', 'j']);
      vi.advanceTimersByTime(REPEAT_WAIT_MS);
      expect(seen).toEqual(['j', 'j', 'j']);
      vi.advanceTimersByTime(COMMIT_WAIT_MS);
      expect(seen).toEqual(['j', 'j', 'j', 'k']);
      // Autorepeat: one key per read, arriving while the last one is still being waited for.
      router.receive('k', plain);
      vi.advanceTimersByTime(REPEAT_WAIT_MS);
      expect(seen).toEqual(['j', 'j', 'j', 'k', 'k']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands a bracketed paste over whole, line breaks included, and a multi-line chunk whole', () => {
    const router = new KeyRouter();
    const seen: string[] = [];
    router.add((input) => seen.push(input));
    router.receive('[200~', plain);
    router.receive('web-7d9f', plain);
    router.receive('', { ...plain, return: true });
    router.receive('[201~', plain);
    expect(seen).toEqual(['web-7d9f\r']);
    expect(splitKeypresses('one\rtwo', plain)).toHaveLength(1);
    expect(splitKeypresses(':ns lab\r', plain)).toHaveLength(8);
  });

  it('drops what is queued on dispose', async () => {
    const router = new KeyRouter();
    const seen: string[] = [];
    router.add((input) => seen.push(input));
    router.receive('abc', plain);
    router.dispose();
    router.committed();
    await new Promise((resolve) => setTimeout(resolve, COMMIT_WAIT_MS * 2));
    expect(seen).toEqual(['a']);
  });
});
