import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

// The files of the launcher's caches (src/launch/runBundle.ts): private folders, whole writes.

/**
 * `directory` made (0700) or found, and only if it is ours and nobody else can write to it: a code
 * cache is code, so one another user could write would run as us.
 */
export function privateDirectory(directory: string): string | undefined {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = lstatSync(directory);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
    accessSync(directory, constants.W_OK);
    return directory;
  } catch {
    return undefined;
  }
}

export function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` whole or not at all (a reader sees the old file or the new one). */
export function writeAtomically(file: string, data: Buffer): void {
  const staging = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(staging, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(staging, file);
  } catch {
    rmSync(staging, { force: true });
  }
}
