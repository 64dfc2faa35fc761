import type { Keypress } from '../../input/keypress.js';

/** What a key does to a one-line text input. */
export type LineEdit =
  | { kind: 'change'; text: string }
  | { kind: 'submit' }
  | { kind: 'cancel' }
  /** Up/Down (and Ctrl-P/Ctrl-N) for a list under the input. */
  | { kind: 'move'; delta: number }
  | { kind: 'none' };

/** Printable characters only: a paste may carry newlines or escapes that must not reach the text. */
function printable(input: string): string {
  return [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f').join('');
}

/** A one-line text input: typing edits `text`, Backspace deletes, Ctrl-U clears, Enter submits, Esc cancels. */
export function editLine(text: string, { input, key }: Keypress): LineEdit {
  if (key.return) return { kind: 'submit' };
  if (key.escape) return { kind: 'cancel' };
  if (key.backspace || key.delete) return text === '' ? { kind: 'none' } : { kind: 'change', text: [...text].slice(0, -1).join('') };
  if (key.upArrow || (key.ctrl && input === 'p')) return { kind: 'move', delta: -1 };
  if (key.downArrow || (key.ctrl && input === 'n')) return { kind: 'move', delta: 1 };
  if (key.ctrl && input === 'u') return text === '' ? { kind: 'none' } : { kind: 'change', text: '' };
  if (key.ctrl || key.meta || key.tab) return { kind: 'none' };
  const typed = printable(input);
  return typed === '' ? { kind: 'none' } : { kind: 'change', text: text + typed };
}
