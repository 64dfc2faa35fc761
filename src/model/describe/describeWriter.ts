import { tabwrite } from './tabwriter.js';

/** kubectl's printers.WriteEscaped: ESC and CR in any field are printed as `^[` and `\r`. */
function escapeTerminal(text: string): string {
  return text.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/**
 * kubectl's PrefixWriter over a tabwriter: each write is indented two spaces per level; tabs end
 * cells; flush() aligns what was written so far (kubectl flushes before the events table, so its
 * columns are aligned on their own).
 */
export class DescribeWriter {
  private pending = '';
  private readonly lines: string[] = [];

  write(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text);
  }

  /** fmt.Sprintln: the values and a newline, at no level. */
  writeLine(text: string): void {
    this.pending += escapeTerminal(`${text}\n`);
  }

  flush(): void {
    if (this.pending === '') return;
    this.lines.push(...tabwrite(this.pending));
    this.pending = '';
  }

  /** Every line written, aligned. */
  result(): string[] {
    this.flush();
    return [...this.lines];
  }
}
