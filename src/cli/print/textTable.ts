import { joinPrintable, padPrintable, slicePrintable, spaces, type Printable } from '../../model/printable.js';
import { textWidth } from '../../model/textWidth.js';

const GAP = spaces(3);

/** Columns separated by three spaces, left-aligned, as kubectl's tabwriter prints them (wide characters count two). */
export function textTable(header: readonly Printable[], rows: readonly (readonly Printable[])[]): Printable[] {
  const widths = header.map((title, column) => Math.max(textWidth(title), ...rows.map((row) => textWidth(row[column] ?? ''))));
  const line = (cells: readonly Printable[]): Printable => {
    const padded = cells.map((cell, column) => (column === cells.length - 1 ? cell : padPrintable(cell, 0, (widths[column] ?? 0) - textWidth(cell))));
    const joined = joinPrintable(padded, GAP);
    return slicePrintable(joined, 0, joined.trimEnd().length);
  };
  return [line(header), ...rows.map(line)];
}
