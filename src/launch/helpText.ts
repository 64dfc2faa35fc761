import { join } from 'node:path';
import { privateDirectory, readOrUndefined, writeAtomically } from './cacheFiles.js';

// `podscope --help` prints a text that depends on nothing but the bundle and the terminal's width
// (yargs lays it out to fit, src/cli/main.ts): the first run of a bundle at a width keeps what it
// printed beside the code caches, and the next prints that without loading the bundle at all.

/** More than this is not a help text: not kept. */
const MAX_BYTES = 256 * 1024;

/** `podscope --help` or `-h`, nothing else (`tree --help` and the rest run the bundle). */
export function isHelpOnly(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h');
}

export interface HelpText {
  /** What an earlier run of this bundle printed at this width; undefined: none yet. */
  readonly text: Buffer | undefined;
  /** Keeps what this run writes to stdout, saved if it exits 0. */
  recordThisRun(): void;
}

/** The help text kept in `directory` (a bundle's private cache folder) for `stdout`'s width. */
export function helpText(directory: string, stdout: NodeJS.WriteStream): HelpText {
  const file = join(directory, `help-text-${stdout.isTTY === true ? String(stdout.columns) : 'piped'}.txt`);
  return {
    text: readOrUndefined(file),
    recordThisRun() {
      const chunks: Buffer[] = [];
      let size = 0;
      const write = stdout.write;
      stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        if (size <= MAX_BYTES) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8') : Buffer.from(chunk);
          chunks.push(bytes);
          size += bytes.length;
        }
        return (write as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
      }) as typeof stdout.write;
      process.once('exit', (code) => {
        if (code !== 0 || size === 0 || size > MAX_BYTES || privateDirectory(directory) === undefined) return;
        writeAtomically(file, Buffer.concat(chunks));
      });
    },
  };
}
