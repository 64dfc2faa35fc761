import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareSessionFiles, SessionFilesError } from '../../src/audit/sessionFiles.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-files-'));
  dirs.push(dir);
  return dir;
}

describe('prepareSessionFiles: before anything is created in the cluster', () => {
  it('creates the audit log (0600) in a private directory (0700), and the recording directory (0700)', async () => {
    const dir = scratch();
    const auditPath = join(dir, 'state', 'podscope', 'audit.jsonl');
    await prepareSessionFiles({ auditPath, recordDir: join(dir, 'casts', 'today') });
    expect(statSync(join(dir, 'state', 'podscope')).mode & 0o777).toBe(0o700);
    expect(statSync(auditPath).mode & 0o777).toBe(0o600);
    expect(statSync(auditPath).size).toBe(0);
    expect(statSync(join(dir, 'casts', 'today')).mode & 0o777).toBe(0o700);
  });

  it('an unwritable place is one line naming it (a file where a directory should be)', async () => {
    const dir = scratch();
    const file = join(dir, 'plain-file');
    writeFileSync(file, '');
    const record = prepareSessionFiles({ auditPath: join(dir, 'audit.jsonl'), recordDir: join(file, 'casts') });
    await expect(record).rejects.toBeInstanceOf(SessionFilesError);
    await expect(record).rejects.toThrow(`cannot write recordings (--record) in ${join(file, 'casts')}: a parent is not a directory`);
    await expect(prepareSessionFiles({ auditPath: join(file, 'audit.jsonl') })).rejects.toThrow(/^cannot write the audit log in .*plain-file: /);
  });
});
