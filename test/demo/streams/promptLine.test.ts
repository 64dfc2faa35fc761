import { describe, expect, it } from 'vitest';
import { PromptLine } from '../../../src/demo/streams/promptLine.js';

describe("the demo shell's prompt redraw (busybox ash on SIGWINCH)", () => {
  it('redraws the prompt and the typed text, as busybox does: \\r/ # …\\e[J', () => {
    const line = new PromptLine('/ # ');
    line.feed('\x1b]0;title\x07/ # ');
    expect(line.redraw()).toBe('\r/ # \x1b[J');
    line.feed('ls -x\b');
    expect(line.redraw()).toBe('\r/ # ls -\x1b[J');
  });

  it('not while a command runs (the current line is its output)', () => {
    const line = new PromptLine('/ # ');
    line.feed('/ # sleep 5\r\n');
    expect(line.redraw()).toBeUndefined();
    line.feed('partial output');
    expect(line.redraw()).toBeUndefined();
  });
});
