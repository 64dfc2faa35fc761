/**
 * The log view's line filter: `text` shows only the lines containing it (case-insensitive), `!text`
 * only those that do not. Our own marker lines (restarts, pods joining or leaving) always show.
 */
export interface LineFilter {
  needle: string;
  invert: boolean;
}

/** The filter typed at the prompt; '' and a lone `!` mean none. */
export function parseLineFilter(typed: string): LineFilter | undefined {
  const invert = typed.startsWith('!');
  const needle = (invert ? typed.slice(1) : typed).toLowerCase();
  return needle === '' ? undefined : { needle, invert };
}

export function filterShows(filter: LineFilter, kind: 'line' | 'marker', plainText: string): boolean {
  if (kind === 'marker') return true;
  return plainText.toLowerCase().includes(filter.needle) !== filter.invert;
}

/** What a FilterIndex needs of a buffer: absolute line indexes, and a line's kind and plain text. */
export interface FilterableLines {
  readonly start: number;
  readonly end: number;
  /** Bumped by clear(): indexes from before mean other lines now. */
  readonly generation: number;
  shown(index: number, filter: LineFilter): boolean;
}

/**
 * The indexes of the lines a filter lets through, kept beside a bounded buffer: new lines are
 * checked once as they come (sync), lines that fell off the buffer are dropped from the front. So
 * a filter that matches little costs a binary search per screen row, not a scan of the buffer.
 */
export class FilterIndex {
  private matches: number[] = [];
  private head = 0;
  private scanned = 0;
  private generation = -1;
  private key = '';

  sync(lines: FilterableLines, filter: LineFilter): void {
    const key = `${filter.invert ? '!' : ''}${filter.needle}`;
    if (key !== this.key || lines.generation !== this.generation || lines.end < this.scanned) {
      this.matches = [];
      this.head = 0;
      this.scanned = lines.start;
      this.key = key;
      this.generation = lines.generation;
    }
    while (this.head < this.matches.length && (this.matches[this.head] ?? 0) < lines.start) this.head++;
    if (this.head > 1024 && this.head * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.head);
      this.head = 0;
    }
    for (let index = Math.max(this.scanned, lines.start); index < lines.end; index++) if (lines.shown(index, filter)) this.matches.push(index);
    this.scanned = lines.end;
  }

  /** The first shown index at or after `from`. */
  atOrAfter(from: number): number | undefined {
    return this.matches[this.firstAtOrAfter(from)];
  }

  /** The last shown index before `before`. */
  before(before: number): number | undefined {
    const at = this.firstAtOrAfter(before) - 1;
    return at >= this.head ? this.matches[at] : undefined;
  }

  /** Binary search: the position of the first match >= `index` (the end when there is none). */
  private firstAtOrAfter(index: number): number {
    let low = this.head;
    let high = this.matches.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.matches[mid] ?? 0) < index) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Indexes it keeps: the shown lines held, and those of lines dropped since the last compaction (bounded by the buffer, see sync). */
  get stored(): number {
    return this.matches.length;
  }

  /** Shown lines held. */
  get count(): number {
    return this.matches.length - this.head;
  }
}
