import { describe, expect, it } from 'vitest';
import { TerminalGuard } from '../../src/terminal/terminalGuard.js';
import { BRACKETED_PASTE_ON, ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../src/terminal/screen.js';

function fakeTerminal(isTTY = true) {
  const written: string[] = [];
  const rawModes: boolean[] = [];
  return {
    written,
    rawModes,
    stdout: { isTTY, write: (chunk: string) => (written.push(chunk), true) },
    stdin: { isTTY, setRawMode: (mode: boolean) => rawModes.push(mode) },
  };
}

describe('TerminalGuard', () => {
  it('enters the alternate screen once and leaves it once, however often it is asked', () => {
    const t = fakeTerminal();
    const guard = new TerminalGuard(t.stdout, t.stdin);
    guard.enter();
    guard.enter();
    expect(t.written.join('')).toContain(ENTER_ALT_SCREEN);
    // Pastes come bracketed while podscope owns the screen, and the mode is reset on leaving.
    expect(t.written.join('')).toContain(BRACKETED_PASTE_ON);
    expect(t.written).toHaveLength(1);
    guard.leave();
    guard.leave();
    const all = t.written.join('');
    expect(all.indexOf(LEAVE_ALT_SCREEN)).toBe(all.lastIndexOf(LEAVE_ALT_SCREEN));
    expect(all).toContain(SHOW_CURSOR);
    expect(all.slice(all.indexOf(BRACKETED_PASTE_ON))).toContain('\x1b[?2004l');
    expect(t.rawModes.every((mode) => mode === false)).toBe(true);
    expect(guard.isFullscreen).toBe(false);
  });

  it('does not draw a full screen on something that is not a terminal', () => {
    const t = fakeTerminal(false);
    const guard = new TerminalGuard(t.stdout, t.stdin);
    guard.enter();
    guard.leave();
    expect(t.written).toEqual([]);
  });

  it('survives a terminal that is gone (writes throw after a hang-up)', () => {
    const guard = new TerminalGuard(
      { isTTY: true, write: () => { throw new Error('EIO'); } },
      { isTTY: true, setRawMode: () => { throw new Error('EBADF'); } },
    );
    guard.enter();
    expect(() => guard.leave()).not.toThrow();
  });
});
