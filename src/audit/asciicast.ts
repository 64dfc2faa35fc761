// fs.promises, not node:fs/promises: the bundle then loads it when first used (test/e2e/firstFrameModules.test.ts).
import { createWriteStream, promises as files, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface AsciicastOptions {
  width: number;
  height: number;
  /** e.g. { SHELL, TERM } as asciinema records them. */
  env?: Record<string, string>;
  title?: string;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

/** A file name for a session: `<pod>-<container>-<UTC time>.cast`. */
export function castFileName(pod: string, container: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `${pod}-${container}-${stamp}.cast`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Writes an asciicast v2 file: a header line, then `[seconds, "o", text]` for output and
 * `[seconds, "r", "WxH"]` for resizes. Multi-byte characters split across chunks are kept whole.
 */
export class AsciicastRecorder {
  private readonly decoder = new StringDecoder('utf8');
  private readonly started: number;
  private readonly now: () => number;

  private constructor(
    readonly path: string,
    private readonly file: WriteStream,
    options: AsciicastOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    const header: Record<string, unknown> = { version: 2, width: options.width, height: options.height, timestamp: Math.floor(this.started / 1000) };
    if (options.title) header.title = options.title;
    header.env = options.env ?? {};
    this.file.write(JSON.stringify(header) + '\n');
  }

  /** Creates `dir` (0700) and the file in it (0600). */
  static async create(dir: string, fileName: string, options: AsciicastOptions): Promise<AsciicastRecorder> {
    await files.mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, fileName);
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
    return new AsciicastRecorder(path, file, options);
  }

  output(data: Buffer | string): void {
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    if (text !== '') this.event('o', text);
  }

  resize(size: { columns: number; rows: number }): void {
    this.event('r', `${size.columns}x${size.rows}`);
  }

  async close(): Promise<void> {
    const rest = this.decoder.end();
    if (rest !== '') this.event('o', rest);
    await new Promise<void>((resolve, reject) => this.file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  private event(code: 'o' | 'r', text: string): void {
    const seconds = Math.max(0, this.now() - this.started) / 1000;
    this.file.write(JSON.stringify([Number(seconds.toFixed(6)), code, text]) + '\n');
  }
}
