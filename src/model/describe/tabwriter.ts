/**
 * Go's text/tabwriter as kubectl's describers configure it (minwidth 0, padding 2, pad with spaces,
 * no flags): a cell ends at a tab; the cells of one column are aligned across a block of
 * consecutive lines that all have that column, each padded to the widest plus two spaces. A line
 * without the column ends the block. The last cell of a line is never padded. Widths count code
 * points, as Go counts runes.
 */
const PADDING = 2;

type Line = readonly string[];

const widthOf = (text: string): number => [...text].length;

export function tabwrite(text: string): string[] {
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  const lines: Line[] = rows.map((row) => row.split('\t'));
  const out: string[] = lines.map(() => '');
  format(lines, out, [], 0, lines.length);
  return out;
}

/** Formats lines [from, to) whose first `widths.length` columns are settled. */
function format(lines: readonly Line[], out: string[], widths: number[], from: number, to: number): void {
  const column = widths.length;
  let start = from;
  for (let index = from; index < to; index++) {
    if (column >= (lines[index]?.length ?? 0) - 1) continue;
    // A block of lines that have this column starts here.
    writeLines(lines, out, widths, start, index);
    let width = 0;
    let end = index;
    for (; end < to; end++) {
      const line = lines[end] ?? [];
      if (column >= line.length - 1) break;
      width = Math.max(width, widthOf(line[column] ?? '') + PADDING);
    }
    format(lines, out, [...widths, width], index, end);
    start = end;
    index = end - 1;
  }
  writeLines(lines, out, widths, start, to);
}

function writeLines(lines: readonly Line[], out: string[], widths: readonly number[], from: number, to: number): void {
  for (let index = from; index < to; index++) {
    const line = lines[index] ?? [];
    let text = '';
    line.forEach((cell, column) => {
      text += cell;
      const width = widths[column];
      if (width !== undefined && column < line.length - 1) text += ' '.repeat(Math.max(0, width - widthOf(cell)));
    });
    out[index] = text;
  }
}
