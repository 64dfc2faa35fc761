const NEWLINE = 0x0a;

/**
 * Cuts a byte stream into lines of bytes without the newline, as they came: for writing a log raw,
 * and for decoding each line whole (a newline byte never occurs inside a UTF-8 character, so
 * `line.toString('utf8')` sees every character entire; invalid bytes become U+FFFD).
 */
export class ByteLineSplitter {
  private partial: Buffer[] = [];

  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, at);
      lines.push(this.partial.length === 0 ? piece : Buffer.concat([...this.partial, piece]));
      this.partial = [];
      start = at + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
    return lines;
  }

  /**
   * The same lines, decoded: all of a chunk's in one decode and one split when that loses nothing
   * (no U+FFFD: the decoder replaces only invalid bytes), else as bytes, for each line to keep its own.
   */
  pushDecoded(chunk: Buffer): { text: string[] } | { bytes: Buffer[] } {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      if (chunk.length > 0) this.partial.push(chunk);
      return { text: [] };
    }
    const whole = this.partial.length === 0 ? chunk.subarray(0, last) : Buffer.concat([...this.partial, chunk.subarray(0, last)]);
    this.partial = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    const text = whole.toString('utf8');
    if (!text.includes('\ufffd')) return { text: text.split('\n') };
    const bytes: Buffer[] = [];
    let start = 0;
    for (let at = whole.indexOf(NEWLINE); at >= 0; at = whole.indexOf(NEWLINE, start)) {
      bytes.push(whole.subarray(start, at));
      start = at + 1;
    }
    bytes.push(whole.subarray(start));
    return { bytes };
  }

  /** The last line when the stream did not end with a newline. */
  end(): Buffer | undefined {
    const rest = this.partial.length === 0 ? undefined : Buffer.concat(this.partial);
    this.partial = [];
    return rest === undefined || rest.length === 0 ? undefined : rest;
  }
}
