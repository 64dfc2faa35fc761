import { useCallback, useRef } from 'react';
import type { Key } from 'ink';
import { useKeys } from '../input/KeyInput.js';

export interface LineInputHandlers {
  onChange(text: string): void;
  onSubmit(text: string): void;
  onCancel(): void;
  /** Up/Down (and Ctrl-P/Ctrl-N) for a list under the input. */
  onMove?(delta: number): void;
}

/** Printable characters only: a paste may carry newlines or escapes that must not reach the text. */
function printable(input: string): string {
  return [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f').join('');
}

/** A one-line text input: typing edits `value`, Backspace deletes, Enter submits, Esc cancels. */
export function useLineInput(value: string, handlers: LineInputHandlers, isActive: boolean): void {
  const latest = useRef({ value, handlers });
  latest.current = { value, handlers };
  const onInput = useCallback((input: string, key: Key) => {
    const { value: text, handlers: h } = latest.current;
    if (key.return) h.onSubmit(text);
    else if (key.escape) h.onCancel();
    else if (key.backspace || key.delete) h.onChange([...text].slice(0, -1).join(''));
    else if (key.upArrow || (key.ctrl && input === 'p')) h.onMove?.(-1);
    else if (key.downArrow || (key.ctrl && input === 'n')) h.onMove?.(1);
    else if (key.ctrl && input === 'u') h.onChange('');
    else if (!key.ctrl && !key.meta && !key.tab) {
      const typed = printable(input);
      if (typed !== '') h.onChange(text + typed);
    }
  }, []);
  useKeys(onInput, { isActive });
}
