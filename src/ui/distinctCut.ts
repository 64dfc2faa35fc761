import { joinPrintable, slicePrintable, type Printable } from '../model/printable.js';
import { leadingColumns, textWidth, trailingColumns } from '../model/textWidth.js';

// Names are cut in the middle: the start says which workload, the end (a ReplicaSet hash, a Job's
// run, a random suffix) which pod. Cut from the end, `nightly-report-29936280-4rx2k` and
// `nightly-report-29936280-8gq7m` both print as `nightly-report-2993628~`.

/** `text` as its first columns, `mark` and its last `tail` columns, `width` columns in all. */
function cutKeepingTail(text: Printable, width: number, mark: Printable, tail: number): Printable {
  const room = width - textWidth(mark);
  if (room <= 0) return slicePrintable(text, 0, leadingColumns(text, width).end);
  const end = trailingColumns(text, Math.max(0, Math.min(tail, room)));
  const head = leadingColumns(text, room - end.width);
  return joinPrintable([slicePrintable(text, 0, head.end), mark, slicePrintable(text, end.start)]);
}

/** The default split: a little more of the start than of the end. */
function defaultTail(width: number, mark: Printable): number {
  return Math.floor((width - textWidth(mark)) / 2);
}

/** Cuts one cell in the middle to at most `width` columns (the mark shows where); short enough cells are left whole. */
export function fitMiddle(text: Printable, width: number, mark: Printable): Printable {
  if (width <= 0) return slicePrintable(text, 0, 0);
  if (textWidth(text) <= width) return text;
  return cutKeepingTail(text, width, mark, defaultTail(width, mark));
}

function commonPrefixWidth(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return textWidth(a.slice(0, i));
}

function commonSuffixWidth(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return textWidth(a.slice(a.length - i));
}

/** Passes over the cells, each resolving the collisions the previous one left. */
const PASSES = 4;

/**
 * The cells of one column cut in the middle to `width` columns so that cells that differ still
 * print differently: where two cuts would look the same, their end is kept long enough to tell
 * them apart (or, when they end alike, their start). Linear in the cells, plus pairs that collide.
 */
export function fitMiddleDistinct(texts: readonly Printable[], width: number, mark: Printable): Printable[] {
  const room = width - textWidth(mark);
  const tails = texts.map(() => defaultTail(width, mark));
  const cut = (i: number): Printable => {
    const text = texts[i]!;
    if (width <= 0) return slicePrintable(text, 0, 0);
    return textWidth(text) <= width ? text : cutKeepingTail(text, width, mark, tails[i]!);
  };
  const out = texts.map((_, i) => cut(i));
  if (room <= 0) return out;
  for (let pass = 0; pass < PASSES; pass++) {
    const groups = new Map<string, number[]>();
    out.forEach((shown, i) => {
      const group = groups.get(shown);
      if (group === undefined) groups.set(shown, [i]);
      else group.push(i);
    });
    let changed = false;
    for (const group of groups.values()) {
      const distinct = new Set(group.map((i) => texts[i]));
      if (distinct.size < 2) continue;
      let suffix = 0;
      let prefix = 0;
      for (const i of group) {
        for (const j of group) {
          if (i >= j || texts[i] === texts[j]) continue;
          suffix = Math.max(suffix, commonSuffixWidth(texts[i]!, texts[j]!));
          prefix = Math.max(prefix, commonPrefixWidth(texts[i]!, texts[j]!));
        }
      }
      // Ends longer than what they share tell them apart; else starts longer than what those share.
      const tail = suffix < room ? Math.max(defaultTail(width, mark), suffix + 1) : prefix < room ? room - (prefix + 1) : 0;
      for (const i of group) {
        if (tails[i] === tail) continue;
        tails[i] = tail;
        out[i] = cut(i);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}
