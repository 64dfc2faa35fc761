// fs.promises, not node:fs/promises: the bundle then loads it when first used (test/e2e/firstFrameModules.test.ts).
import { promises as files } from 'node:fs';
import { join } from 'node:path';

/** What `s` in the log view saves: the text as shown (sanitised), or the bytes as the server sent them. */
export interface SavedLog {
  kind: 'text' | 'raw';
  bytes: Uint8Array;
}

/** Writes the log to `<directory>/<pod>-<container>-<time>.log` (`.raw.log` for raw bytes), readable by the user only; returns the path. */
export async function saveLogFile(directory: string, name: string, log: SavedLog, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(directory, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}${log.kind === 'raw' ? '.raw' : ''}.log`);
  await files.writeFile(path, log.bytes, { mode: 0o600 });
  return path;
}
