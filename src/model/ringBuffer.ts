export interface LogRingOptions {
  /** Most lines kept. */
  maxLines: number;
  /** Most UTF-8 bytes kept, summed over the kept lines. */
  maxBytes: number;
}

const INITIAL_LINES = 1024;
const INITIAL_BYTES = 64 * 1024;

/**
 * A bounded log buffer: the oldest lines fall off when either the line count or the byte budget
 * would be exceeded, each one counted (`dropped`). A single line longer than the whole budget is cut
 * to fit.
 *
 * The lines are kept as UTF-8 in one circular byte store (a line may wrap round its end), not as a
 * string each: under a firehose every line lives a few seconds, long enough for the garbage
 * collector to move it to the old generation, so string entries made the heap grow between major
 * collections. Bytes in one buffer are outside the heap, grown by doubling up to `maxBytes` and then
 * reused; a line is decoded again only when read (the rows on screen, a search, a filter).
 */
export class LogRing {
  readonly maxLines: number;
  readonly maxBytes: number;
  private data: Buffer = Buffer.alloc(0);
  /** Per slot (circular over the lines, like `head`): where the line starts in `data`, and its length. */
  private starts = new Float64Array(0);
  private sizes = new Float64Array(0);
  private head = 0;
  private count = 0;
  private byteCount = 0;
  /** Where the next line's bytes go. */
  private writeAt = 0;
  private droppedCount = 0;

  constructor(options: LogRingOptions) {
    if (!(options.maxLines >= 1) || !(options.maxBytes >= 1)) throw new RangeError('LogRing needs maxLines >= 1 and maxBytes >= 1');
    this.maxLines = Math.floor(options.maxLines);
    this.maxBytes = Math.floor(options.maxBytes);
    this.clear();
  }

  /** Lines currently held. */
  get length(): number {
    return this.count;
  }

  /** UTF-8 bytes currently held. */
  get bytes(): number {
    return this.byteCount;
  }

  /** What it has allocated: line slots and store bytes (each at most its bound, whatever was pushed). */
  get footprint(): { lineSlots: number; storeBytes: number } {
    return { lineSlots: this.starts.length, storeBytes: this.data.length };
  }

  /** Lines that fell off the top since creation or the last clear(); also the absolute index of line 0. */
  get dropped(): number {
    return this.droppedCount;
  }

  push(line: string): void {
    let size = Buffer.byteLength(line, 'utf8');
    if (size > this.maxBytes) {
      line = cutToBytes(line, this.maxBytes);
      size = Buffer.byteLength(line, 'utf8');
    }
    while (this.count > 0 && (this.count >= this.maxLines || this.byteCount + size > this.maxBytes)) this.evictOldest();
    if (this.count === this.starts.length) this.growLines();
    if (this.byteCount + size > this.data.length) this.growBytes(this.byteCount + size);
    const slot = (this.head + this.count) % this.starts.length;
    this.starts[slot] = this.writeAt;
    this.sizes[slot] = size;
    this.writeBytes(line, size);
    this.count++;
    this.byteCount += size;
  }

  /** The line at `index` (0 = oldest held); negative indexes count from the newest. */
  get(index: number): string | undefined {
    const i = index < 0 ? this.count + index : index;
    if (i < 0 || i >= this.count) return undefined;
    const slot = (this.head + i) % this.starts.length;
    return this.readBytes(this.starts[slot] ?? 0, this.sizes[slot] ?? 0);
  }

  /** Like Array.prototype.slice over the held lines, oldest first. */
  slice(from = 0, to = this.count): string[] {
    const start = clampIndex(from, this.count);
    const end = clampIndex(to, this.count);
    const out: string[] = [];
    for (let i = start; i < end; i++) out.push(this.get(i) as string);
    return out;
  }

  lines(): string[] {
    return this.slice(0, this.count);
  }

  clear(): void {
    this.data = Buffer.alloc(Math.min(this.maxBytes, INITIAL_BYTES));
    this.starts = new Float64Array(Math.min(this.maxLines, INITIAL_LINES));
    this.sizes = new Float64Array(this.starts.length);
    this.head = 0;
    this.count = 0;
    this.byteCount = 0;
    this.writeAt = 0;
    this.droppedCount = 0;
  }

  private evictOldest(): void {
    this.byteCount -= this.sizes[this.head] ?? 0;
    this.head = (this.head + 1) % this.starts.length;
    this.count--;
    this.droppedCount++;
  }

  /** The held bytes run from the oldest line's start to writeAt, round the end of `data` at most once. */
  private writeBytes(line: string, size: number): void {
    const capacity = this.data.length;
    if (this.writeAt + size <= capacity) this.data.write(line, this.writeAt, size, 'utf8');
    else {
      const bytes = Buffer.from(line, 'utf8');
      const first = capacity - this.writeAt;
      bytes.copy(this.data, this.writeAt, 0, first);
      bytes.copy(this.data, 0, first);
    }
    this.writeAt = (this.writeAt + size) % capacity;
  }

  private readBytes(start: number, size: number): string {
    const capacity = this.data.length;
    if (start + size <= capacity) return this.data.toString('utf8', start, start + size);
    return Buffer.concat([this.data.subarray(start), this.data.subarray(0, size - (capacity - start))]).toString('utf8');
  }

  private growLines(): void {
    const capacity = Math.min(this.maxLines, this.starts.length * 2);
    if (capacity === this.starts.length) return;
    const starts = new Float64Array(capacity);
    const sizes = new Float64Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.starts.length;
      starts[i] = this.starts[from] ?? 0;
      sizes[i] = this.sizes[from] ?? 0;
    }
    this.starts = starts;
    this.sizes = sizes;
    this.head = 0;
  }

  /** A bigger store, the held bytes copied to its start in order. */
  private growBytes(needed: number): void {
    let capacity = Math.max(1, this.data.length);
    while (capacity < needed) capacity *= 2;
    const data = Buffer.alloc(Math.min(this.maxBytes, capacity));
    let at = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.starts.length;
      const start = this.starts[slot] ?? 0;
      const size = this.sizes[slot] ?? 0;
      const first = Math.min(size, this.data.length - start);
      this.data.copy(data, at, start, start + first);
      if (first < size) this.data.copy(data, at + first, 0, size - first);
      this.starts[slot] = at;
      at += size;
    }
    this.data = data;
    this.writeAt = at % data.length;
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
