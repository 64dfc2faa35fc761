// fs.promises, not node:fs/promises: the bundle then loads it when first used (test/e2e/firstFrameModules.test.ts).
import { constants, promises as files } from 'node:fs';
import { dirname } from 'node:path';

/** The audit log or the recording directory cannot be written; the message is one line. */
export class SessionFilesError extends Error {
  override readonly name = 'SessionFilesError';
}

function reason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system', ENOTDIR: 'a parent is not a directory', EEXIST: 'exists and is not a directory', ENOSPC: 'no space left' };
    return words[error.code] ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Creates `dir` (0700, parents too) if missing and checks that files can be created in it. */
export async function ensureWritableDirectory(dir: string, what: string): Promise<void> {
  try {
    await files.mkdir(dir, { recursive: true, mode: 0o700 });
    await files.access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new SessionFilesError(`cannot write ${what} in ${dir}: ${reason(error)}`);
  }
}

/**
 * Checks, before anything is created in the cluster, that the session's traces can be kept: the
 * audit log's directory (0700) and file (0600, opened for appending), and the recording directory.
 * A session that could not be audited or recorded as asked must not start.
 */
export async function prepareSessionFiles(paths: { auditPath?: string | null; recordDir?: string }): Promise<void> {
  const { auditPath, recordDir } = paths;
  if (auditPath !== undefined && auditPath !== null) {
    await ensureWritableDirectory(dirname(auditPath), 'the audit log');
    try {
      const handle = await files.open(auditPath, 'a', 0o600);
      await handle.close();
      await files.chmod(auditPath, 0o600);
    } catch (error) {
      throw new SessionFilesError(`cannot write the audit log ${auditPath}: ${reason(error)}`);
    }
  }
  if (recordDir !== undefined) await ensureWritableDirectory(recordDir, 'recordings (--record)');
}
