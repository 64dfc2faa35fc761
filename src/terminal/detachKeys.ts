/** Ctrl-P Ctrl-Q, docker's and kubectl attach's detach sequence. */
export const DEFAULT_DETACH_KEYS: readonly number[] = [0x10, 0x11];

/**
 * Finds a key sequence in typed input across reads. Bytes that might start the sequence are held
 * back; when the next byte does not continue it they are released in order, so a lone Ctrl-P
 * followed by another key reaches the shell unchanged.
 */
export class DetachKeyMatcher {
  private held: number[] = [];

  constructor(private readonly keys: readonly number[] = DEFAULT_DETACH_KEYS) {}

  /** What to forward from `chunk`, and whether the sequence completed (bytes after it are dropped). */
  feed(chunk: Uint8Array): { forward: Buffer; detach: boolean } {
    const out: number[] = [];
    for (const byte of chunk) {
      if (this.keys.length === 0) {
        out.push(byte);
        continue;
      }
      if (byte === this.keys[this.held.length]) {
        this.held.push(byte);
        if (this.held.length === this.keys.length) {
          this.held = [];
          return { forward: Buffer.from(out), detach: true };
        }
        continue;
      }
      // A mismatch: release what was held, then look at this byte afresh (it may start a new sequence).
      out.push(...this.held);
      this.held = [];
      if (byte === this.keys[0]) this.held.push(byte);
      else out.push(byte);
    }
    return { forward: Buffer.from(out), detach: false };
  }
}
