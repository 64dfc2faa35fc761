export interface LogRingOptions {
  /** Most lines kept. */
  maxLines: number;
  /** Most UTF-8 bytes kept, summed over the kept lines. */
  maxBytes: number;
}

const INITIAL_CAPACITY = 1024;

/**
 * A bounded log buffer: pushing is O(1) amortised (a circular array that grows by doubling up to
 * `maxLines`), and the oldest lines fall off when either the line count or the byte budget would
 * be exceeded. A single line longer than the whole budget is cut to fit.
 */
export class LogRing {
  readonly maxLines: number;
  readonly maxBytes: number;
  private items: (string | undefined)[] = [];
  private sizes: number[] = [];
  private head = 0;
  private count = 0;
  private byteCount = 0;
  private droppedCount = 0;

  constructor(options: LogRingOptions) {
    if (!(options.maxLines >= 1) || !(options.maxBytes >= 1)) throw new RangeError('LogRing needs maxLines >= 1 and maxBytes >= 1');
    this.maxLines = Math.floor(options.maxLines);
    this.maxBytes = Math.floor(options.maxBytes);
    const capacity = Math.min(this.maxLines, INITIAL_CAPACITY);
    this.items = new Array<string | undefined>(capacity);
    this.sizes = new Array<number>(capacity).fill(0);
  }

  /** Lines currently held. */
  get length(): number {
    return this.count;
  }

  /** UTF-8 bytes currently held. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Lines that fell off the top since creation or the last clear(); also the absolute index of line 0. */
  get dropped(): number {
    return this.droppedCount;
  }

  push(line: string): void {
    let size = utf8Length(line);
    if (size > this.maxBytes) {
      line = cutToBytes(line, this.maxBytes);
      size = utf8Length(line);
    }
    while (this.count > 0 && (this.count >= this.maxLines || this.byteCount + size > this.maxBytes)) this.evictOldest();
    if (this.count === this.items.length) this.grow();
    const slot = (this.head + this.count) % this.items.length;
    this.items[slot] = line;
    this.sizes[slot] = size;
    this.count++;
    this.byteCount += size;
  }

  /** The line at `index` (0 = oldest held); negative indexes count from the newest. */
  get(index: number): string | undefined {
    const i = index < 0 ? this.count + index : index;
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.head + i) % this.items.length];
  }

  /** Like Array.prototype.slice over the held lines, oldest first. */
  slice(from = 0, to = this.count): string[] {
    const start = clampIndex(from, this.count);
    const end = clampIndex(to, this.count);
    const out: string[] = [];
    for (let i = start; i < end; i++) out.push(this.items[(this.head + i) % this.items.length] as string);
    return out;
  }

  lines(): string[] {
    return this.slice(0, this.count);
  }

  clear(): void {
    this.items = new Array<string | undefined>(Math.min(this.maxLines, INITIAL_CAPACITY));
    this.sizes = new Array<number>(this.items.length).fill(0);
    this.head = 0;
    this.count = 0;
    this.byteCount = 0;
    this.droppedCount = 0;
  }

  private evictOldest(): void {
    this.byteCount -= this.sizes[this.head] ?? 0;
    this.items[this.head] = undefined;
    this.sizes[this.head] = 0;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    this.droppedCount++;
  }

  private grow(): void {
    const capacity = Math.min(this.maxLines, this.items.length * 2);
    if (capacity === this.items.length) return;
    const items = new Array<string | undefined>(capacity);
    const sizes = new Array<number>(capacity).fill(0);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.items.length;
      items[i] = this.items[from];
      sizes[i] = this.sizes[from] ?? 0;
    }
    this.items = items;
    this.sizes = sizes;
    this.head = 0;
  }
}

function clampIndex(index: number, length: number): number {
  const i = index < 0 ? length + index : index;
  return Math.max(0, Math.min(length, Math.trunc(i)));
}

/** UTF-8 length of a JS string without allocating (lone surrogates count as the 3-byte U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, never splitting a code point. */
function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}
