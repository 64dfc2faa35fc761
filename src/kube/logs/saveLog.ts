import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes the lines to `<directory>/<pod>-<container>-<time>.log` and returns the path. */
export async function saveLogLines(directory: string, name: string, lines: readonly string[], now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(directory, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.log`);
  await writeFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`, { mode: 0o600 });
  return path;
}
