/**
 * What busybox's shell does on SIGWINCH and the host's /bin/sh (dash) does not: redraw the prompt
 * and the line typed so far. A debug container's shell prints its prompt before anyone attaches,
 * so an attach sees nothing until the client resizes; a real busybox then answers `\r/ # \e[J`
 * (see test/fixtures/k8s-1.24/streams/attach-ephemeral-tty-v4.jsonl). This keeps the terminal's
 * current line as the shell's output drew it and offers that redraw.
 */

/** Longest line remembered; a line longer than this is no prompt. */
const MAX_LINE = 4096;

export class PromptLine {
  private line = '';
  private escape: '' | 'esc' | 'csi' | 'osc' = '';

  constructor(private readonly prompt: string) {}

  /** Follows the output as a terminal would draw it on the current line. */
  feed(text: string): void {
    for (const char of text) {
      if (this.escape === 'esc') {
        this.escape = char === '[' ? 'csi' : char === ']' ? 'osc' : '';
        continue;
      }
      if (this.escape === 'csi') {
        if (char >= '@' && char <= '~') this.escape = '';
        continue;
      }
      if (this.escape === 'osc') {
        if (char === '\x07' || char === '\x1b') this.escape = char === '\x1b' ? 'esc' : '';
        continue;
      }
      if (char === '\x1b') this.escape = 'esc';
      else if (char === '\n' || char === '\r') this.line = '';
      else if (char === '\b') this.line = this.line.slice(0, -1);
      else if (char >= ' ' && char !== '\x7f' && this.line.length < MAX_LINE) this.line += char;
    }
  }

  /** The bytes busybox would write after a size change, or undefined when the shell is not at its prompt. */
  redraw(): string | undefined {
    return this.line.startsWith(this.prompt) ? `\r${this.line}\x1b[J` : undefined;
  }
}
