import { StringDecoder } from 'node:string_decoder';

/**
 * Cuts a byte stream into lines without the newline; a UTF-8 character split across chunks is
 * decoded whole. `end()` returns the last line when the stream did not end with a newline.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines;
  }

  end(): string | undefined {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? undefined : rest;
  }
}
