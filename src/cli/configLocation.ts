import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the config file is and its text, without the YAML parser (configFile.ts): most starts
// find no file, and then need none of it.

/** One thing wrong with the file, as `path:line:column: what`. */
export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

/** The file could not be used; every problem found, in file order. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    readonly path: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; podscope config lists them all)` : '';
    super(first === undefined ? `${path}: unreadable` : `${formatProblem(path, first)}${more}`);
  }
}

export function formatProblem(path: string, problem: ConfigProblem): string {
  return `${path}:${problem.line}:${problem.column}: ${problem.message}`;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the config file is: $PODSCOPE_CONFIG when set (empty: no file at all), else
 * $XDG_CONFIG_HOME/podscope/config.yaml (an absolute XDG_CONFIG_HOME only, as the XDG base
 * directory specification says), else ~/.config/podscope/config.yaml.
 */
export function configFilePath(env: Env = process.env, home: string = homedir()): string | undefined {
  const explicit = env['PODSCOPE_CONFIG'];
  if (explicit !== undefined) return explicit === '' ? undefined : explicit;
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config');
  return join(base, 'podscope', 'config.yaml');
}

/** The file's text; undefined when there is no file (no error: built-in defaults). */
export function readConfigText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrno(error) && error.code === 'ENOENT') return undefined;
    const reason = isErrno(error) && error.code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new ConfigFileError(path, [{ line: 1, column: 1, message: `cannot read the config file: ${reason}` }]);
  }
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
