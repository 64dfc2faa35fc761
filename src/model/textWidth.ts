import stringWidth from 'string-width';

/**
 * Terminal columns, measured the way Ink lays text out (string-width: grapheme clusters, East Asian
 * wide characters and emoji 2, combining marks 0), so a row cut here is never cut again by Ink.
 */

/**
 * Text whose every character is one column on its own and never joins a neighbour into a cluster
 * (printable ASCII and Latin-1, general punctuation, arrows, box drawing, blocks and the narrow
 * geometric shapes: the table rules, tree branches and marks podscope prints): its width is its
 * length. Anything else goes through string-width, whose first non-ASCII string costs ~20 ms of
 * regex and ICU start-up — most of a one-shot command's own work. textWidth.test.ts checks every
 * character of the class against string-width.
 */
export const NARROW_TEXT = /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff]*$/;
// Made on first use: an Intl.Segmenter costs ~7 ms of ICU start-up, which ASCII text never needs.
let segmenter: Intl.Segmenter | undefined;

export function textWidth(text: string): number {
  return NARROW_TEXT.test(text) ? text.length : stringWidth(text);
}

/** The grapheme clusters of `text`, each with its width. */
export function clusters(text: string): Array<{ text: string; width: number }> {
  const out: Array<{ text: string; width: number }> = [];
  for (const { segment } of (segmenter ??= new Intl.Segmenter()).segment(text)) out.push({ text: segment, width: stringWidth(segment) });
  return out;
}

/** Where a cut keeping at most `width` columns of the start of `text` goes (a UTF-16 index), and the columns kept. */
export function leadingColumns(text: string, width: number): { end: number; width: number } {
  if (width <= 0) return { end: 0, width: 0 };
  if (NARROW_TEXT.test(text)) {
    const end = Math.min(text.length, width);
    return { end, width: end };
  }
  let end = 0;
  let used = 0;
  for (const cluster of clusters(text)) {
    if (used + cluster.width > width) break;
    end += cluster.text.length;
    used += cluster.width;
  }
  return { end, width: used };
}

/** Where a cut keeping at most `width` columns of the end of `text` goes (a UTF-16 index), and the columns kept. */
export function trailingColumns(text: string, width: number): { start: number; width: number } {
  if (width <= 0) return { start: text.length, width: 0 };
  if (NARROW_TEXT.test(text)) {
    const kept = Math.min(text.length, width);
    return { start: text.length - kept, width: kept };
  }
  let start = text.length;
  let used = 0;
  for (const cluster of clusters(text).reverse()) {
    if (used + cluster.width > width) break;
    start -= cluster.text.length;
    used += cluster.width;
  }
  return { start, width: used };
}
