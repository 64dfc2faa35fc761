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

  /** The last line when the stream did not end with a newline. */
  end(): Buffer | undefined {
    const rest = this.partial.length === 0 ? undefined : Buffer.concat(this.partial);
    this.partial = [];
    return rest === undefined || rest.length === 0 ? undefined : rest;
  }
}
