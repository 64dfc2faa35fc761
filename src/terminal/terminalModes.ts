/**
 * The terminal modes a program in the container can switch on through its output, tracked so that
 * however the hand-over ends (exit, detach, dropped connection, a signal to podscope) the terminal
 * goes back to a plain screen: otherwise a killed `vim` or `htop` leaves the user in the alternate
 * screen with mouse reporting on, and every click then types escape sequences into their shell.
 */

/** DEC private modes (CSI ? n h / l) that change how the terminal behaves until reset. */
const ALTERNATE_SCREENS = [1049, 1047, 47] as const;
/** X10, normal, highlight, button-event and any-event tracking; UTF-8, SGR, urxvt and SGR-pixel encodings. */
const MOUSE_MODES = [9, 1000, 1001, 1002, 1003, 1005, 1006, 1015, 1016] as const;
const APPLICATION_CURSOR_KEYS = 1;
/** DECNKM, the private-mode twin of ESC = / ESC >. */
const APPLICATION_KEYPAD = 66;
const SHOW_CURSOR = 25;
const FOCUS_EVENTS = 1004;
const BRACKETED_PASTE = 2004;

const ESC = '\x1b';
/** Longest unfinished sequence kept between chunks; anything longer is not one of ours. */
const MAX_CARRY = 48;

export class TerminalModeTracker {
  /** Private modes set (true) or reset (false) by the remote program; absent: never touched. */
  private readonly modes = new Map<number, boolean>();
  private applicationKeypad = false;
  private carry = '';

  /** Looks at one chunk of the container's output (sequences split across chunks are found too). */
  feed(chunk: Uint8Array | string): void {
    // latin1 keeps every byte as one char, so the byte-oriented sequences match whatever the encoding.
    const text = this.carry + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    const sequence = /\x1b\[\?([0-9;]*)([hl])|\x1b([=>])|\x1bc/g;
    let match: RegExpExecArray | null;
    let consumed = 0;
    while ((match = sequence.exec(text)) !== null) {
      consumed = sequence.lastIndex;
      if (match[0] === `${ESC}c`) {
        // RIS, a full reset: the terminal is back to its defaults.
        this.modes.clear();
        this.applicationKeypad = false;
      } else if (match[3] !== undefined) {
        this.applicationKeypad = match[3] === '=';
      } else {
        const on = match[2] === 'h';
        for (const part of (match[1] ?? '').split(';')) {
          const mode = Number.parseInt(part, 10);
          if (Number.isInteger(mode)) this.modes.set(mode, on);
        }
      }
    }
    const lastEscape = text.lastIndexOf(ESC);
    this.carry = lastEscape >= consumed && text.length - lastEscape <= MAX_CARRY ? text.slice(lastEscape) : '';
  }

  /** Whether the remote program left `mode` (a DEC private mode number) switched on. */
  isOn(mode: number): boolean {
    return this.modes.get(mode) === true;
  }

  get inAlternateScreen(): boolean {
    return ALTERNATE_SCREENS.some((mode) => this.isOn(mode));
  }

  /**
   * The bytes that undo everything a program could have left on. The alternate screen is left only
   * if it was entered (leaving it when not in it restores a saved cursor position); the other resets
   * are harmless when the mode is already off, so they are always sent.
   */
  restoreSequence(): string {
    const leave = ALTERNATE_SCREENS.filter((mode) => this.isOn(mode)).map((mode) => `${ESC}[?${mode}l`);
    const resets = [...MOUSE_MODES, FOCUS_EVENTS, BRACKETED_PASTE, APPLICATION_CURSOR_KEYS, APPLICATION_KEYPAD].map((mode) => `${ESC}[?${mode}l`);
    return [...leave, ...resets, `${ESC}>`, `${ESC}[0m`, `${ESC}[?${SHOW_CURSOR}h`].join('');
  }

  /** What the remote program switched on, for tests and diagnostics. */
  switchedOn(): { privateModes: number[]; applicationKeypad: boolean } {
    const privateModes = [...this.modes].filter(([mode, on]) => on && mode !== SHOW_CURSOR).map(([mode]) => mode);
    return { privateModes: privateModes.sort((a, b) => a - b), applicationKeypad: this.applicationKeypad };
  }
}
